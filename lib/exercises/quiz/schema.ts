/** The quiz format: questions an author writes in `exercise.ts`, the stored variant and a student's answers. */
import { z } from "zod";
import type { Rng } from "./rng";

const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "ids are 1-64 letters, digits, '-' or '_'");

/** A parameter value shown in a prompt through a `{{name}}` placeholder. */
export const ParamValueSchema = z.union([z.number().refine(Number.isFinite, "must be finite"), z.string().max(500), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValueSchema>;

export const ParamsSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "param names are identifiers"), ParamValueSchema);
export type Params = z.infer<typeof ParamsSchema>;

export type ParamsFn = (rng: Rng) => Params;
const ParamsFnSchema = z.custom<ParamsFn>((v) => typeof v === "function", "params must be a function (rng) => params");

function answerFn<T>(description: string) {
  return z.custom<(params: Params) => T>((v) => typeof v === "function", `answer must be a function (params) => ${description}`);
}

export const ChoiceSchema = z.object({
  id: IdSchema,
  /** Markdown (inline), may use `{{param}}` placeholders. */
  text: z.string().min(1),
  /** Static key; a question with an `answer` function decides per variant instead. */
  correct: z.boolean().optional(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

const QuestionBase = {
  id: IdSchema,
  /** Markdown with `$math$` and `{{param}}` placeholders. */
  prompt: z.string().min(1),
  points: z.number().positive().default(1),
  /** Markdown shown with the feedback after grading. */
  explanation: z.string().optional(),
  params: ParamsFnSchema.optional(),
};

const ChoiceQuestionBase = {
  ...QuestionBase,
  choices: z.array(ChoiceSchema).min(2),
  /** Present the choices in a seeded order per student (ids stay stable, so grading is unaffected). */
  shuffle: z.boolean().default(false),
};

export const SingleQuestionSchema = z.object({
  ...ChoiceQuestionBase,
  kind: z.literal("single"),
  /** The id of the correct choice for a variant; otherwise the one choice marked `correct`. */
  answer: answerFn<string>("a choice id").optional(),
});

export const MultipleQuestionSchema = z.object({
  ...ChoiceQuestionBase,
  kind: z.literal("multiple"),
  /** The ids of the correct choices for a variant; otherwise the choices marked `correct`. */
  answer: answerFn<string[]>("choice ids").optional(),
});

export const NumericQuestionSchema = z.object({
  ...QuestionBase,
  kind: z.literal("numeric"),
  /** The expected value, or a function of the variant's params. */
  answer: z.custom<number | ((params: Params) => number)>(
    (v) => typeof v === "function" || (typeof v === "number" && Number.isFinite(v)),
    "answer must be a finite number or a function (params) => number",
  ),
  /** Absolute tolerance; an answer passes when |a − b| ≤ atol + rtol·|b|. */
  atol: z.number().min(0).default(0),
  /** Relative tolerance; the default absorbs float noise only. */
  rtol: z.number().min(0).default(1e-9),
  /** Shown next to the input, e.g. "steps". */
  unit: z.string().max(40).optional(),
});

export const QuestionSchema = z.discriminatedUnion("kind", [SingleQuestionSchema, MultipleQuestionSchema, NumericQuestionSchema]);
export type SingleQuestion = z.infer<typeof SingleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof MultipleQuestionSchema>;
export type NumericQuestion = z.infer<typeof NumericQuestionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type ChoiceQuestion = SingleQuestion | MultipleQuestion;

export const QuizSchema = z.object({
  questions: z.array(QuestionSchema).min(1),
});
export type Quiz = z.infer<typeof QuizSchema>;
export type QuizInput = z.input<typeof QuizSchema>;

/** Identity helper that gives quiz files type checking and autocompletion. */
export function defineQuiz(quiz: QuizInput): QuizInput {
  return quiz;
}

/** One question's share of a variant: its params and, for shuffled choices, the order shown. */
export const QuestionVariantSchema = z.object({
  params: ParamsSchema,
  choiceOrder: z.array(z.string()).optional(),
});
export type QuestionVariant = z.infer<typeof QuestionVariantSchema>;

/** What is stored with an attempt, so a reload or regrade shows the same numbers. Plain JSON. */
export const QuizVariantSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  questions: z.record(z.string(), QuestionVariantSchema),
});
export type QuizVariant = z.infer<typeof QuizVariantSchema>;

/** A submission: question id → a choice id (single), choice ids (multiple) or a number or numeric string (numeric). */
export const QuizAnswersSchema = z.record(z.string(), z.unknown());
export type QuizAnswers = z.infer<typeof QuizAnswersSchema>;

export const SingleAnswerSchema = z.string().max(64);
export const MultipleAnswerSchema = z.array(z.string().max(64)).max(100);
export const NumericAnswerSchema = z.union([z.number(), z.string().max(64)]);
