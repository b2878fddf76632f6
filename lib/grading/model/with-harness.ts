import type { ExercisePackage } from "../../exercises/loader";
import { modelHarnessSource } from "./harness";

/** The source the sandbox runs for a package: a model exercise's module gets the model harness appended (after the student's lines, so line numbers stay theirs). */
export function sourceToGrade(pkg: ExercisePackage, source: string): string {
  return pkg.exercise.kind === "model" ? `${source}\n${modelHarnessSource(pkg.exercise.builder)}` : source;
}
