/**
 * What grading reads of a data package's `exercise.json`. lib/grading may not import lib/exercises
 * (depcruise: grading-never-imports-exercises), so the test-level shapes live here and
 * lib/exercises/data-package/schema.ts re-exports them;
 * the rest of the file (title, prompt, questions' texts…) is not grading's business and is stripped.
 * The full file is validated by the authoring side before any version exists.
 */
import { z } from "zod";
import { ERROR_CLASSES } from "../compare";
import { AuthoredLimitOverridesSchema } from "../limits";
import { EXERCISE_ID } from "../exercise-id";

/** The name of an export of `checks.ts`. */
export const ExportNameSchema = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, "must name an export of checks.ts (an identifier)");

export const DataComparatorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exact") }).strict(),
  z.object({ kind: z.literal("close"), rtol: z.number().min(0).max(1).default(1e-4), atol: z.number().min(0).default(1e-6) }).strict(),
  z.object({ kind: z.literal("throws"), errorType: z.enum(ERROR_CLASSES).optional() }).strict(),
  /** A custom check: the export of checks.ts called as `(actual, { args, expected }) => true | message`, in a sandbox. */
  z.object({ kind: z.literal("check"), check: ExportNameSchema }).strict(),
]);
export type DataComparator = z.infer<typeof DataComparatorSchema>;

/** One test as data: also what a generator must return (validated on the host). */
export const DataTestSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** The student's export to call. */
    call: z.string().min(1).max(64),
    /** JSON arguments, copied into the sandbox. */
    args: z.array(z.json()).max(16),
    /** Defaults to close with rtol 1e-4, atol 1e-6. */
    compare: DataComparatorSchema.optional(),
    /** An explicit expected value; without one the reference solution's output is used. */
    expected: z.json().optional(),
    repeat: z.number().int().min(1).max(5).default(1),
    misconception: z.string().max(80).optional(),
    hint: z.string().max(500).optional(),
  })
  .strict();
export type DataTest = z.infer<typeof DataTestSchema>;

/** A code exercise as grading sees it. */
export const DataCodeGradingSchema = z.object({
  id: z.string().regex(EXERCISE_ID, "id must be kebab-case"),
  kind: z.literal("code"),
  exports: z.array(z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be an identifier")).min(1).max(16),
  examples: z.array(DataTestSchema).max(50).default([]),
  tests: z.array(DataTestSchema).max(500).default([]),
  generators: z.array(ExportNameSchema).max(10).default([]),
  limits: AuthoredLimitOverridesSchema.optional(),
  seed: z.number().int().min(0).max(0xffffffff).default(12345),
});
export type DataCodeGrading = z.infer<typeof DataCodeGradingSchema>;

const QuestionIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** A quiz question as the quiz-variants task sees it: which exports to call, and what an answer may be. */
export const DataQuestionGradingSchema = z.object({
  id: QuestionIdSchema,
  kind: z.enum(["single", "multiple", "numeric"]),
  params: ExportNameSchema.optional(),
  answer: z.union([z.number(), ExportNameSchema]).optional(),
  choices: z.array(z.object({ id: QuestionIdSchema })).optional(),
});
export type DataQuestionGrading = z.infer<typeof DataQuestionGradingSchema>;

export const DataQuizGradingSchema = z.object({
  id: z.string().regex(EXERCISE_ID, "id must be kebab-case"),
  kind: z.literal("quiz"),
  questions: z.array(DataQuestionGradingSchema).min(1).max(100),
});

export const DataGradingSchema = z.discriminatedUnion("kind", [DataCodeGradingSchema, DataQuizGradingSchema]);
export type DataGrading = z.infer<typeof DataGradingSchema>;

/** The same record as lib/exercises/quiz/schema.ts ParamsSchema: what a quiz `params` export must return. */
export const QuizParamsSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "param names are identifiers"),
  z.union([z.number().refine(Number.isFinite, "must be finite"), z.string().max(500), z.boolean()]),
);
export type QuizParams = z.infer<typeof QuizParamsSchema>;

/** "tests.3.compare.rtol: must be ≥ 0; …": every issue, by path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`).join("; ");
}

/** Parses `exercise.json` from a package's files; throws an Error naming the file and every problem. */
export function readDataExercise(files: Record<string, string>): DataGrading {
  const text = files["exercise.json"];
  if (text === undefined) throw new Error("exercise.json: missing");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`exercise.json: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = DataGradingSchema.safeParse(json);
  if (!parsed.success) throw new Error(`exercise.json: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
