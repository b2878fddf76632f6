import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { can } from "../auth/permissions";
import { exercises, type NewSubmission, type User } from "../db/schema";
import { findMembershipBySlug } from "../courses/courses";
import { AppError } from "../errors";
import { kindOf } from "../exercises/kinds";
import { acceptRequest, AnswersRequestSchema, CodeRequestSchema, type Answers } from "../exercises/kinds/requests";
import type { AnyPackage } from "../exercises/package";
import { findExerciseForCourse, prepareQuizForSeed } from "../exercises/resolve";
import { quizSeed } from "../exercises/quiz";
import { enqueueGrading } from "../queue/enqueue";
import { hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { insertGradedSubmission, insertQueuedSubmission, isUniqueViolation, type EnqueueGrading } from "./lifecycle";
import { MAX_CODE_BYTES } from "./rules";

/** The seed owner of the sample variant instructors preview (no student has this id: ids are uuids). */
export const PREVIEW_SAMPLE_VIEWER = "preview-sample";
/** Preview runs per instructor, across every app instance. */
export const PREVIEW_RATE: RateLimitRule = { limit: 20, windowMs: 60_000 };

export const PreviewRequestSchema = z.union([
  /** Grade the package's own reference solution or starter (for a quiz: the answer key or no answers). */
  z.object({ source: z.enum(["solution", "starter"]) }).strict(),
  CodeRequestSchema,
  AnswersRequestSchema,
]);
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

export interface PreviewInput {
  user: User;
  courseSlug: string;
  exerciseId: string;
  request: PreviewRequest;
  now?: Date;
}

/**
 * An instructor's or TA's preview run: a submission of no assignment, graded by the real grader
 * (hidden tests included) through the queue. NOT_FOUND unless the user is staff of the course and
 * the exercise is loaded; rate-limited per user.
 */
export async function createPreviewSubmission(db: Db, input: PreviewInput, enqueue: EnqueueGrading = enqueueGrading): Promise<{ id: string; status: string }> {
  const now = input.now ?? new Date();
  const membership = await findMembershipBySlug(db, input.courseSlug, input.user.id);
  if (!membership || !can(membership, "preview-exercise")) throw new AppError("NOT_FOUND", "No such course.");
  // A preview runs the exercise's current version (a course's own exercise: only in its course).
  const loaded = await findExerciseForCourse(db, membership.course.id, input.exerciseId);
  const [exercise] = loaded ? await db.select({ version: exercises.currentVersion }).from(exercises).where(eq(exercises.id, input.exerciseId)) : [];
  if (!loaded || !exercise) throw new AppError("NOT_FOUND", "No such exercise.");

  const seed = quizSeed(PREVIEW_SAMPLE_VIEWER, input.exerciseId);
  const write = preparePreview(await prepareQuizForSeed(loaded.pkg, seed), input.request, seed, now, enqueue);
  const rate = await hitRateLimit(db, `preview:${input.user.id}`, PREVIEW_RATE, now);
  if (!rate.allowed) {
    throw new AppError("RATE_LIMITED", `Too many preview runs. Try again in ${rate.retryAfterSeconds} s.`, { retryAfterSeconds: rate.retryAfterSeconds });
  }

  const base = {
    userId: input.user.id,
    assignmentId: null,
    exerciseId: input.exerciseId,
    exerciseVersion: exercise.version,
    variantSeed: seed | 0,
    createdAt: now,
  } as const;
  return write(db, base);
}

type Base = Omit<NewSubmission, "status" | "mode">;
type Write = (db: Db, base: Base) => Promise<{ id: string; status: string }>;

/**
 * The request checked as the exercise's kind takes it, and how its row is written. A `source` request
 * names the package's own reference or starter: for answers, the answer key or a blank sheet.
 */
function preparePreview(pkg: AnyPackage, request: PreviewRequest, seed: number, now: Date, enqueue: EnqueueGrading): Write {
  const { grading } = kindOf(pkg);
  if (grading.mode === "inline") {
    const sent = (): Answers => {
      const { answers } = acceptRequest(grading.request, request);
      // A preview may leave questions blank, but stores nothing that is not an answer to this exercise.
      const shapes = grading.checkAnswers(pkg, answers, false);
      if (!shapes.ok) throw new AppError("INVALID_INPUT", shapes.message);
      return answers;
    };
    const answers = "source" in request ? (request.source === "solution" ? grading.answerKey(pkg, seed) : {}) : sent();
    return (db, base) => {
      const grade = grading.grade(pkg, seed, answers);
      return insertGradedSubmission(db, { ...base, mode: "submit", answers, variant: grade.variant }, { score: grade.score, tests: grade.tests, gradedAt: now });
    };
  }
  const { code, mode } = "source" in request ? { code: grading.source(pkg, request.source), mode: "submit" as const } : acceptRequest(grading.request, request);
  if (Buffer.byteLength(code, "utf8") > MAX_CODE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The code is over the limit of ${MAX_CODE_BYTES / 1024} KB.`);
  }
  return async (db, base) => {
    try {
      return await insertQueuedSubmission(db, { ...base, mode, code }, enqueue);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Your previous run of this exercise is still being graded.", { cause: error });
      throw error;
    }
  };
}
