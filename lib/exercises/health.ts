import type { CatalogueReport } from "./catalogue";
import { getCatalogue } from "./registry";

/** One line of the loader's report, split into the file and field it names and the problem. */
export interface LoaderProblem {
  file: string | null;
  field: string | null;
  problem: string;
}

export interface PackageHealth {
  id: string;
  errors: LoaderProblem[];
  warnings: LoaderProblem[];
}

export interface ExerciseHealth {
  /** Packages that loaded. */
  loaded: number;
  /** Packages that failed to load: an author must fix every error listed. */
  failures: PackageHealth[];
  /** Packages that loaded with warnings. */
  warnings: PackageHealth[];
}

const FILE = /^[\w.-]+\.(?:ts|md|json)$/;
// A field is a path such as `tests[0].call` or `questions["nan"].answer`, or a problem kind such as `math`.
const FIELD = /^[\w$.[\]"'-]+$/;

/** Splits a loader line ("exercise.ts: tests[0].call: … is not in exports") into file, field and problem. */
export function parseLoaderProblem(line: string): LoaderProblem {
  const parts = line.split(": ");
  let file: string | null = null;
  let field: string | null = null;
  if (parts.length > 1 && FILE.test(parts[0]!)) file = parts.shift()!;
  if (file && parts.length > 1 && FIELD.test(parts[0]!)) field = parts.shift()!;
  return { file, field, problem: parts.join(": ") };
}

/** The health of a loaded catalogue: failed packages and warnings, exactly as the loader reported them. */
export function describeHealth(report: CatalogueReport): ExerciseHealth {
  return {
    loaded: report.exercises.length,
    failures: report.failures.map((failure) => ({
      id: failure.id,
      errors: failure.errors.map(parseLoaderProblem),
      warnings: failure.warnings.map(parseLoaderProblem),
    })),
    warnings: report.exercises
      .filter((entry) => entry.warnings.length > 0)
      .map((entry) => ({ id: entry.pkg.exercise.id, errors: [], warnings: entry.warnings.map(parseLoaderProblem) })),
  };
}

/** The health of the catalogue this process loaded at start. */
export async function getExerciseHealth(): Promise<ExerciseHealth> {
  return describeHealth(await getCatalogue());
}
