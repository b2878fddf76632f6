/** The registry of exercise kinds: adding a kind is one file in this folder, one line here and the database enum. */
import type { AnyPackage, CodePackage } from "../package";
import { codeKind } from "./code";
import type { ExerciseKind, Kind } from "./kind";
import { modelKind } from "./model";
import { quizKind } from "./quiz";

export type { CheckLine, CheckTools, ExerciseKind, Kind } from "./kind";

export const EXERCISE_KINDS = {
  code: codeKind,
  quiz: quizKind,
  model: modelKind,
} satisfies Record<Kind, ExerciseKind>;

/** The implementation of a loaded package's kind. */
export function kindOf(pkg: AnyPackage): ExerciseKind {
  return EXERCISE_KINDS[pkg.kind];
}

/** Whether `value` names a kind of the registry (a raw `kind:` field of an exercise file). */
export function isKind(value: unknown): value is Kind {
  return typeof value === "string" && Object.hasOwn(EXERCISE_KINDS, value);
}

/** Whether the package is graded from code in the sandbox (what the grader can run). */
export function isCodePackage(pkg: AnyPackage): pkg is CodePackage {
  return kindOf(pkg).grading.mode === "queued";
}

/** How the UI names a kind ("Code", "Quiz", "Model"). */
export function kindLabel(kind: Kind): string {
  return EXERCISE_KINDS[kind].label;
}
