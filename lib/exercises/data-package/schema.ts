/**
 * The data package format: an exercise as data (`exercise.json`) plus, optionally, authored code in
 * `checks.ts` that runs only in sandbox isolates (custom checks, test generators, quiz parameters and
 * answers). What the app's editor writes, what export and import carry, and a second way to write a
 * package in `exercises/<id>/` beside the trusted `exercise.ts`. Nothing here is ever imported by the
 * server: functions are named by their export in `checks.ts`, never embedded.
 */
import { z } from "zod";
import { DataTestSchema, ExportNameSchema } from "../../grading/authored/schema";
import { AuthoredLimitOverridesSchema } from "../../grading/limits";
import { ExerciseMetaSchema } from "../meta";

/** The file that marks a folder as a data package. */
export const DATA_PACKAGE_FILE = "exercise.json";
/** The file that holds a data package's authored code (optional). */
export const CHECKS_FILE = "checks.ts";
/** Every file a data package may hold; anything else is reported. */
export const DATA_PACKAGE_FILES = [DATA_PACKAGE_FILE, "prompt.md", "starter.ts", "solution.ts", CHECKS_FILE] as const;

// The test-level shapes have one home, in grading (which may not import lib/exercises): what the
// author writes and what a grader reads are the same schema.
export { DataComparatorSchema, DataTestSchema, ExportNameSchema, type DataComparator, type DataTest } from "../../grading/authored/schema";
export type DataTestInput = z.input<typeof DataTestSchema>;

export const DataCodeExerciseSchema = z
  .object({
    ...ExerciseMetaSchema.shape,
    kind: z.literal("code"),
    exports: z.array(z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be an identifier")).min(1).max(16),
    /** Visible examples: their messages reveal values. */
    examples: z.array(DataTestSchema).max(50).default([]),
    /** Hidden tests. */
    tests: z.array(DataTestSchema).max(500).default([]),
    /** Exports of checks.ts called as `(rng) => test[]` when the version is built: more hidden tests, as data. */
    generators: z.array(ExportNameSchema).max(10).default([]),
    limits: AuthoredLimitOverridesSchema.optional(),
    seed: z.number().int().min(0).max(0xffffffff).default(12345),
  })
  .strict();
export type DataCodeExercise = z.infer<typeof DataCodeExerciseSchema>;

const QuestionIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "ids are 1-64 letters, digits, '-' or '_'");

const DataChoiceSchema = z.object({ id: QuestionIdSchema, text: z.string().min(1).max(2000), correct: z.boolean().optional() }).strict();

const dataQuestionBase = {
  id: QuestionIdSchema,
  prompt: z.string().min(1).max(10_000),
  points: z.number().positive().default(1),
  explanation: z.string().max(10_000).optional(),
  /** Export of checks.ts called as `(rng) => params` per student (seeded): values for `{{name}}` placeholders. */
  params: ExportNameSchema.optional(),
};

export const DataQuestionSchema = z.discriminatedUnion("kind", [
  z
    .object({
      ...dataQuestionBase,
      kind: z.enum(["single", "multiple"]),
      choices: z.array(DataChoiceSchema).min(2).max(20),
      shuffle: z.boolean().default(false),
      /** Export of checks.ts called as `(params) => choice id(s)`; otherwise the choices marked `correct`. */
      answer: ExportNameSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...dataQuestionBase,
      kind: z.literal("numeric"),
      /** The expected value, or the export of checks.ts called as `(params) => number`. */
      answer: z.union([z.number().refine(Number.isFinite, "must be finite"), ExportNameSchema]),
      atol: z.number().min(0).default(0),
      rtol: z.number().min(0).default(1e-9),
      unit: z.string().max(40).optional(),
    })
    .strict(),
]);
export type DataQuestion = z.infer<typeof DataQuestionSchema>;

export const DataQuizExerciseSchema = z
  .object({
    ...ExerciseMetaSchema.shape,
    kind: z.literal("quiz"),
    questions: z.array(DataQuestionSchema).min(1).max(100),
  })
  .strict();
export type DataQuizExercise = z.infer<typeof DataQuizExerciseSchema>;

/** What `exercise.json` holds. */
export const DataExerciseSchema = z.discriminatedUnion("kind", [DataCodeExerciseSchema, DataQuizExerciseSchema]);
export type DataExercise = z.infer<typeof DataExerciseSchema>;
export type DataExerciseInput = z.input<typeof DataExerciseSchema>;
