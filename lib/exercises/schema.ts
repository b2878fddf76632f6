/** The exercise package format (first cut): what `exercises/<id>/exercise.ts` default-exports. */
import { z } from "zod";
import { ERROR_CLASSES, type CheckFn } from "../grading/compare";
import { LimitOverridesSchema } from "../grading/limits";
import type { Value } from "../grading/value";
import { ExerciseMetaSchema } from "./meta";

export const ComparatorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exact") }),
  z.object({ kind: z.literal("close"), rtol: z.number().min(0), atol: z.number().min(0) }),
  z.object({ kind: z.literal("throws"), errorType: z.enum(ERROR_CLASSES).optional() }),
  z.object({ kind: z.literal("check"), check: z.custom<CheckFn>((v) => typeof v === "function", "check must be a function") }),
]);

export const TestCaseSchema = z.object({
  name: z.string().min(1).max(200),
  /** The export to call. */
  call: z.string().min(1),
  /** Plain data, copied into the sandbox by structured clone. */
  args: z.array(z.unknown()),
  /** Defaults to close() with the catalogue's tolerances. */
  compare: ComparatorSchema.optional(),
  /** An explicit expected value; without one the reference solution's output is used. */
  expected: z.unknown().optional(),
  /** Call this many times in a row with fresh copies of the arguments (catches hidden state). */
  repeat: z.number().int().min(1).max(5).default(1),
  /** The mistake this test is meant to catch, for dashboards. */
  misconception: z.string().optional(),
  /** Shown to the student when the test fails. */
  hint: z.string().optional(),
  /**
   * Visible examples: what the page shows of a result, when the raw value is not meant to be read (a
   * model's weights as JSON): computed on the host from the copied-out result, the student's and, when
   * no explicit `expected` is given, the reference solution's.
   */
  show: z.custom<(result: Value) => unknown>((v) => typeof v === "function", "show must be a function").optional(),
});
export type TestCase = z.infer<typeof TestCaseSchema>;

export const CodeExerciseSchema = z.object({
  ...ExerciseMetaSchema.shape,
  kind: z.literal("code"),
  /** The functions a submission must export. */
  exports: z.array(z.string().min(1)).min(1),
  /** Visible examples: shown in the prompt, their messages reveal values. */
  examples: z.array(TestCaseSchema).default([]),
  /** Hidden tests: messages never reveal inputs or expected values. */
  tests: z.array(TestCaseSchema).min(1),
  limits: LimitOverridesSchema.optional(),
  /** Seed of Math.random and tfjs initialisers in the sandbox. */
  seed: z.number().int().min(0).max(0xffffffff).default(12345),
});
export type CodeExercise = z.infer<typeof CodeExerciseSchema>;
export type CodeExerciseInput = z.input<typeof CodeExerciseSchema>;

/** Identity helper that gives exercise files type checking and autocompletion. */
export function defineExercise(exercise: CodeExerciseInput): CodeExerciseInput {
  return exercise;
}

/**
 * A model exercise: the student's export builds a tfjs model; the grader appends its model harness
 * (lib/grading/model/harness.ts), trains in the sandbox and scores the copied-out model on the host.
 * Tests call the harness export `__tensorgradeTrain`; `exports` lists what the student must export.
 */
export const ModelExerciseSchema = CodeExerciseSchema.extend({
  kind: z.literal("model"),
  /** The student's export that builds the model. */
  builder: z.string().min(1),
});
export type ModelExercise = z.infer<typeof ModelExerciseSchema>;
export type ModelExerciseInput = z.input<typeof ModelExerciseSchema>;

/** The export the model harness adds to a model exercise's module. */
export const MODEL_HARNESS_EXPORT = "__tensorgradeTrain";

/** Identity helper that gives model exercise files type checking and autocompletion. */
export function defineModelExercise(exercise: ModelExerciseInput): ModelExerciseInput {
  return exercise;
}
