/** The shapes a loaded exercise package takes, one per way of grading it. */
import type { Quiz } from "./quiz";
import type { QuizExerciseMeta } from "./quiz-exercise";
import type { CodeExercise, ModelExercise } from "./schema";

/** A code or model exercise, as the grading engine needs it. */
export interface ExercisePackage {
  exercise: CodeExercise | ModelExercise;
  dir: string;
  prompt: string;
  starter: string;
  solution: string;
}

export interface QuizPackage {
  exercise: QuizExerciseMeta;
  quiz: Quiz;
  dir: string;
  prompt: string;
  /**
   * Set for a data package whose questions take params or answers from its checks.ts: those are
   * placeholders that throw until the sandbox computed them for a seed (data-package/specialise.ts).
   */
  sandboxed?: { files: Record<string, string> };
}

export type CodePackage = { kind: "code" | "model" } & ExercisePackage;
export type QuizKindPackage = { kind: "quiz" } & QuizPackage;
export type AnyPackage = CodePackage | QuizKindPackage;

type Result<T> = { ok: true; pkg: T; warnings: string[] } | { ok: false; errors: string[]; warnings: string[] };
export type LoadResult = Result<ExercisePackage>;
export type AnyLoadResult = Result<AnyPackage>;
