/**
 * Builds the grading engine's GradingSpec from an exercise: from a loaded package, or (inside an
 * exercise version's artefact, see ./artefact-build.ts) from the default export of its `exercise.ts`.
 * Bundled into every artefact, so it imports only the package schema.
 */
import type { GradingSpec } from "../grading/spec";
import { CodeExerciseSchema, ModelExerciseSchema, type CodeExercise, type ModelExercise } from "./schema";

/** The part of a code or model package that grading needs (prompt, starter and folder stay behind). */
export function gradingSpecOf(pkg: { exercise: CodeExercise | ModelExercise; solution: string }): GradingSpec {
  return { exercise: pkg.exercise, solution: pkg.solution };
}

/** Validates an `exercise.ts` default export (defaults applied) and pairs it with the version's solution. */
export function gradingSpecFromExport(exported: unknown, files: Record<string, string>): GradingSpec {
  const kind = typeof exported === "object" && exported !== null && "kind" in exported ? exported.kind : undefined;
  const parsed = (kind === "model" ? ModelExerciseSchema : CodeExerciseSchema).safeParse(exported);
  if (!parsed.success) {
    throw new Error(`exercise.ts: ${parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`).join("; ")}`);
  }
  const solution = files["solution.ts"];
  if (solution === undefined) throw new Error("solution.ts: missing");
  return gradingSpecOf({ exercise: parsed.data, solution });
}
