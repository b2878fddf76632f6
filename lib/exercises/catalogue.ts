import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { hashPackageFiles } from "../grading/artefact";
import { readPackageFolder } from "./data-package/folder";
import { DATA_PACKAGE_FILE } from "./data-package/schema";
import { exercisesRoot, loadPackage, type AnyPackage } from "./loader";

export interface LoadedExercise {
  pkg: AnyPackage;
  /** sha256 over every file of the package folder: a changed file is a new version. */
  contentHash: string;
  /** The package's files as they were read, so a version can be graded again later. */
  files: Record<string, string>;
  warnings: string[];
}

export interface CatalogueReport {
  exercises: LoadedExercise[];
  /** Packages that failed to load, each with every problem found. */
  failures: Array<{ id: string; errors: string[]; warnings: string[] }>;
}

/** The folders under `root` that hold an exercise package (exercise.ts, or a data package's exercise.json), sorted. */
export function listExerciseIds(root = exercisesRoot()): string[] {
  if (!existsSync(root)) return [];
  const holdsPackage = (name: string) =>
    ["exercise.ts", DATA_PACKAGE_FILE].some((file) => existsSync(path.join(/* turbopackIgnore: true */ root, name, file)));
  return readdirSync(root).filter(holdsPackage).sort();
}

/** Loads every package; a broken one is reported and never stops the others. */
export async function loadCatalogue(root = exercisesRoot(), ids = listExerciseIds(root)): Promise<CatalogueReport> {
  const report: CatalogueReport = { exercises: [], failures: [] };
  for (const id of ids) {
    const loaded = await loadPackage(id, root);
    if (!loaded.ok) {
      report.failures.push({ id, errors: loaded.errors, warnings: loaded.warnings });
      continue;
    }
    const files = readPackageFiles(loaded.pkg.dir);
    report.exercises.push({ pkg: loaded.pkg, contentHash: hashFiles(files), files, warnings: loaded.warnings });
  }
  return report;
}

/** The files of a package folder (its top level: what a version holds), by name. */
export const readPackageFiles = readPackageFolder;

/** A content hash over file names and contents: the version a submission records (see lib/grading/artefact.ts). */
export const hashFiles = hashPackageFiles;
