import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { can } from "../auth/permissions";
import { exercises, submissions, testResults, type User } from "../db/schema";
import { findMembershipBySlug } from "../courses/courses";
import { AppError } from "../errors";
import type { QuizPackage } from "../exercises/loader";
import { findLoadedExercise } from "../exercises/registry";
import { createVariant, gradeQuiz, quizSeed, type QuizVariant } from "../exercises/quiz";
import { expectedAnswer } from "../exercises/quiz/expected";
import { checkAnswerShapes } from "../exercises/quiz/answer-check";
import { CodeTextSchema } from "../http/safe-text";
import { enqueueGrading, type DbOrTx } from "../queue/enqueue";
import { hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { MAX_CODE_BYTES } from "./rules";
import { quizTestRows } from "./result-rows";

/** The seed owner of the sample variant instructors preview (no student has this id: ids are uuids). */
export const PREVIEW_SAMPLE_VIEWER = "preview-sample";
/** Preview runs per instructor, across every app instance. */
export const PREVIEW_RATE: RateLimitRule = { limit: 20, windowMs: 60_000 };

export const PreviewRequestSchema = z.union([
  /** Grade the package's own reference solution or starter (for a quiz: the answer key or no answers). */
  z.object({ source: z.enum(["solution", "starter"]) }).strict(),
  z.object({ code: CodeTextSchema, mode: z.enum(["run", "submit"]).default("submit") }).strict(),
  z.object({ answers: z.record(z.string(), z.unknown()) }).strict(),
]);
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

export interface PreviewInput {
  user: User;
  courseSlug: string;
  exerciseId: string;
  request: PreviewRequest;
  now?: Date;
}

type Enqueue = (tx: DbOrTx, submissionId: string) => Promise<void>;

/**
 * An instructor's or TA's preview run: a submission of no assignment, graded by the real grader
 * (hidden tests included) through the queue. NOT_FOUND unless the user is staff of the course and
 * the exercise is loaded; rate-limited per user.
 */
export async function createPreviewSubmission(db: Db, input: PreviewInput, enqueue: Enqueue = enqueueGrading): Promise<{ id: string; status: string }> {
  const now = input.now ?? new Date();
  const membership = await findMembershipBySlug(db, input.courseSlug, input.user.id);
  if (!membership || !can(membership, "preview-exercise")) throw new AppError("NOT_FOUND", "No such course.");
  const loaded = await findLoadedExercise(input.exerciseId);
  const [exercise] = loaded ? await db.select({ version: exercises.currentVersion }).from(exercises).where(eq(exercises.id, input.exerciseId)) : [];
  if (!loaded || !exercise) throw new AppError("NOT_FOUND", "No such exercise.");

  const { request } = input;
  const isQuiz = loaded.pkg.kind === "quiz";
  if (("code" in request && isQuiz) || ("answers" in request && !isQuiz)) {
    throw new AppError("INVALID_INPUT", isQuiz ? "This exercise takes answers, not code." : "This exercise takes code, not answers.");
  }
  if ("code" in request && Buffer.byteLength(request.code, "utf8") > MAX_CODE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The code is over the limit of ${MAX_CODE_BYTES / 1024} KB.`);
  }
  if ("answers" in request && loaded.pkg.kind === "quiz") {
    // A preview may leave questions blank, but stores nothing that is not an answer to this quiz.
    const shapes = checkAnswerShapes(loaded.pkg.quiz, request.answers);
    if (!shapes.ok) throw new AppError("INVALID_INPUT", shapes.message);
  }
  const rate = await hitRateLimit(db, `preview:${input.user.id}`, PREVIEW_RATE, now);
  if (!rate.allowed) {
    throw new AppError("RATE_LIMITED", `Too many preview runs. Try again in ${rate.retryAfterSeconds} s.`, { retryAfterSeconds: rate.retryAfterSeconds });
  }

  const seed = quizSeed(PREVIEW_SAMPLE_VIEWER, input.exerciseId);
  const base = {
    userId: input.user.id,
    assignmentId: null,
    exerciseId: input.exerciseId,
    exerciseVersion: exercise.version,
    variantSeed: seed | 0,
    createdAt: now,
  } as const;

  if (loaded.pkg.kind === "quiz") {
    const { quiz } = loaded.pkg;
    const variant = createVariant(quiz, seed);
    const answers = "answers" in request ? request.answers : "source" in request && request.source === "solution" ? answerKey(loaded.pkg, variant) : {};
    const grade = gradeQuiz(quiz, variant, answers);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(submissions)
        .values({ ...base, mode: "submit", answers, variant, status: "graded", verdict: "graded", score: grade.score, gradedAt: now })
        .returning({ id: submissions.id, status: submissions.status });
      if (!row) throw new Error("Inserting a preview submission returned no row");
      await tx.insert(testResults).values(quizTestRows(row.id, grade));
      return row;
    });
  }

  const pkg = loaded.pkg;
  const code = "code" in request ? request.code : "source" in request ? (request.source === "solution" ? pkg.solution : pkg.starter) : "";
  const mode = "mode" in request ? request.mode : "submit";
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(submissions)
        .values({ ...base, mode, code, status: "queued" })
        .returning({ id: submissions.id, status: submissions.status });
      if (!row) throw new Error("Inserting a preview submission returned no row");
      await enqueue(tx, row.id);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Your previous run of this exercise is still being graded.", { cause: error });
    throw error;
  }
}

/** The quiz's correct answers under `variant`, in the form a student sends them. */
export function answerKey(pkg: QuizPackage, variant: QuizVariant): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of pkg.quiz.questions) {
    const key = expectedAnswer(question, variant.questions[question.id]?.params ?? {});
    if (!key.ok) continue;
    const expected = key.expected;
    answers[question.id] = expected.kind === "single" ? expected.choiceId : expected.kind === "multiple" ? expected.choiceIds : String(expected.value);
  }
  return answers;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
