/**
 * Authored tasks: what the app asks of a data package's checks.ts besides grading, as data in and data
 * out. Run in a grader child by GraderPool.runAuthoredTask, or in this process by `runAuthoredTask`
 * (the CLI and tests): either way checks.ts runs only in an authored sandbox.
 */
import { z } from "zod";
import { buildDataSpec, type AuthoredOutline } from "./data-spec";
import { CHECKS_TS } from "./files";
import { questionSeed } from "./rng";
import { AuthoredSandbox, type AuthoredSandboxOptions } from "./sandbox";
import { QuizParamsSchema, describeIssues, readDataExercise, type DataQuestionGrading, type QuizParams } from "./schema";

const FilesSchema = z.record(z.string(), z.string());

export const AuthoredTaskSchema = z.discriminatedUnion("kind", [
  /** Each sandboxed question's params and answer for one quiz seed (lib/exercises/quiz/variant.ts). */
  z.object({ kind: z.literal("quiz-variants"), files: FilesSchema, seed: z.number().int().min(0).max(0xffffffff) }),
  /** The tests' outline, generated tests included, and every problem found building the spec. */
  z.object({ kind: z.literal("outline"), files: FilesSchema }),
]);
export type AuthoredTask = z.infer<typeof AuthoredTaskSchema>;

const AnswerSchema = z.union([z.string(), z.array(z.string()), z.number()]);

export const QuizVariantsOutputSchema = z.object({
  questions: z.record(z.string(), z.object({ params: QuizParamsSchema, answer: AnswerSchema.optional() })),
});
export type QuizVariantsOutput = z.infer<typeof QuizVariantsOutputSchema>;

export const OutlineOutputSchema = z.object({
  outline: z.object({
    examples: z.array(z.object({ name: z.string() })),
    tests: z.array(z.object({ name: z.string(), misconception: z.string().optional() })),
  }),
  problems: z.array(z.string()),
});
export type OutlineOutput = { outline: AuthoredOutline; problems: string[] };

export type AuthoredTaskOutput<T extends AuthoredTask> = T extends { kind: "quiz-variants" } ? QuizVariantsOutput : OutlineOutput;

/** An authored task that failed: the message names the question or export and what went wrong. */
export class AuthoredTaskError extends Error {
  override name = "AuthoredTaskError";
}

/** Checks an answer export's result against the question's kind (and its choices, when listed). */
function checkAnswer(question: DataQuestionGrading, value: unknown): string | null {
  const ids = question.choices?.map((c) => c.id);
  if (question.kind === "numeric") return typeof value === "number" && Number.isFinite(value) ? null : "must return a finite number";
  if (question.kind === "single") {
    if (typeof value !== "string") return "must return a choice id";
    return ids && !ids.includes(value) ? `returned "${value.slice(0, 64)}", which is not a choice id` : null;
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) return "must return an array of choice ids";
  const unknown = ids ? value.find((v) => !ids.includes(v)) : undefined;
  return unknown === undefined ? null : `returned "${unknown.slice(0, 64)}", which is not a choice id`;
}

function quizVariants(files: Record<string, string>, seed: number, options: AuthoredSandboxOptions): QuizVariantsOutput {
  const exercise = readDataExercise(files);
  if (exercise.kind !== "quiz") throw new AuthoredTaskError("exercise.json: quiz-variants needs a quiz");
  const sandbox = new AuthoredSandbox(files[CHECKS_TS], { seed, ...options });
  try {
    const questions: QuizVariantsOutput["questions"] = {};
    for (const question of exercise.questions) {
      const answerExport = typeof question.answer === "string" ? question.answer : undefined;
      if (question.params === undefined && answerExport === undefined) continue;
      const where = `question "${question.id}"`;
      let params: QuizParams = {};
      if (question.params !== undefined) {
        const drawn = sandbox.call(question.params, [], { role: "params", rngSeed: questionSeed(seed, question.id) });
        if (!drawn.ok) throw new AuthoredTaskError(`${where}: ${drawn.error}`);
        const parsed = QuizParamsSchema.safeParse(drawn.value);
        if (!parsed.success) throw new AuthoredTaskError(`${where}: params \`${question.params}\` returned invalid values (${describeIssues(parsed.error)})`);
        params = parsed.data;
      }
      if (answerExport === undefined) {
        questions[question.id] = { params };
        continue;
      }
      const answered = sandbox.call(answerExport, [params], { role: "answer" });
      if (!answered.ok) throw new AuthoredTaskError(`${where}: ${answered.error}`);
      const wrong = checkAnswer(question, answered.value);
      if (wrong !== null) throw new AuthoredTaskError(`${where}: answer \`${answerExport}\` ${wrong}`);
      questions[question.id] = { params, answer: AnswerSchema.parse(answered.value) };
    }
    return { questions };
  } finally {
    sandbox.dispose();
  }
}

/** Runs one authored task in this process (checks.ts still only in isolates). Throws AuthoredTaskError. */
export function runAuthoredTaskSync(task: AuthoredTask, options: AuthoredSandboxOptions = {}): QuizVariantsOutput | OutlineOutput {
  if (task.kind === "quiz-variants") {
    try {
      return quizVariants(task.files, task.seed, options);
    } catch (error) {
      throw error instanceof AuthoredTaskError ? error : new AuthoredTaskError(error instanceof Error ? error.message : String(error));
    }
  }
  const built = buildDataSpec(task.files, { verifyExports: true, sandbox: options });
  return { outline: built.outline, problems: built.problems };
}

/** Validates a task's output that crossed from a grader child (untrusted until parsed). */
export function parseTaskOutput(task: AuthoredTask, output: unknown): QuizVariantsOutput | OutlineOutput {
  return task.kind === "quiz-variants" ? QuizVariantsOutputSchema.parse(output) : OutlineOutputSchema.parse(output);
}

/** In-process `runAuthoredTask` for the CLI and tests: the same answers as GraderPool.runAuthoredTask. */
export async function runAuthoredTask<T extends AuthoredTask>(task: T, options: AuthoredSandboxOptions = {}): Promise<AuthoredTaskOutput<T>> {
  return runAuthoredTaskSync(AuthoredTaskSchema.parse(task), options) as AuthoredTaskOutput<T>;
}
