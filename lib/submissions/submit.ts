import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { can } from "../auth/permissions";
import { exercises, submissions, testResults, type User } from "../db/schema";
import { findAssignmentOfExercise, policyOf } from "../courses/assignments";
import { findMembershipBySlug } from "../courses/courses";
import { checkSubmissionWindow } from "../courses/deadlines";
import { AppError } from "../errors";
import { findLoadedExercise } from "../exercises/registry";
import { createVariant, gradeQuiz, quizSeed } from "../exercises/quiz";
import { checkQuizAnswers } from "../exercises/quiz/answer-check";
import { CodeTextSchema } from "../http/safe-text";
import { enqueueGrading } from "../queue/enqueue";
import { hitRateLimit } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import { quizTestRows } from "./result-rows";
import { MAX_CODE_BYTES, RUN_RATE, SUBMIT_RATE } from "./rules";

export const SubmissionRequestSchema = z.union([
  z.object({ code: CodeTextSchema, mode: z.enum(["run", "submit"]).default("submit") }).strict(),
  z.object({ answers: z.record(z.string(), z.unknown()) }).strict(),
]);
export type SubmissionRequest = z.infer<typeof SubmissionRequestSchema>;

export interface SubmitInput {
  user: User;
  courseSlug: string;
  exerciseId: string;
  request: SubmissionRequest;
  /** Server time; never the client's. */
  now?: Date;
}

/**
 * A student's Run or Submit, with every rule enforced on the server: membership, the assignment's
 * dates and attempts, code size, one grading at a time and a rate limit. Code gets its grading job in
 * the transaction that inserts it (never one without the other); a quiz is graded at once.
 */
export async function createStudentSubmission(db: Db, input: SubmitInput): Promise<{ id: string; status: string }> {
  const now = input.now ?? new Date();
  const membership = await findMembershipBySlug(db, input.courseSlug, input.user.id);
  const assigned = membership ? await findAssignmentOfExercise(db, membership.course.id, input.exerciseId) : null;
  const loaded = assigned ? await findLoadedExercise(input.exerciseId) : null;
  if (!membership || !assigned || !loaded) throw new AppError("NOT_FOUND", "No such exercise in this course.");

  const isCode = "code" in input.request;
  if (isCode !== (loaded.pkg.kind !== "quiz")) {
    throw new AppError("INVALID_INPUT", loaded.pkg.kind === "quiz" ? "This exercise takes answers, not code." : "This exercise takes code, not answers.");
  }
  if ("code" in input.request && Buffer.byteLength(input.request.code, "utf8") > MAX_CODE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Your code is over ${MAX_CODE_BYTES / 1024} KB; the limit is ${MAX_CODE_BYTES / 1024} KB.`);
  }
  if ("answers" in input.request && loaded.pkg.kind === "quiz") {
    // Refused before the rate limit and the attempt count: a typo must not cost an attempt.
    const check = checkQuizAnswers(loaded.pkg.quiz, input.request.answers);
    if (!check.ok) throw new AppError("INVALID_INPUT", check.message);
  }
  const mode = "code" in input.request ? input.request.mode : "submit";

  await enforceRateLimit(db, input.user.id, mode, now);

  const policy = policyOf(assigned.assignment);
  if (can(membership, "submit-as-student")) {
    const attemptsUsed = await countAttempts(db, input.user.id, assigned.assignment.id);
    const window = checkSubmissionWindow(policy, now, mode === "run" ? 0 : attemptsUsed, membership.course.timeZone);
    if (!window.open && !(mode === "run" && window.reason !== "not_open_yet")) throw new AppError("FORBIDDEN", window.message);
  }

  const [exercise] = await db.select({ version: exercises.currentVersion }).from(exercises).where(eq(exercises.id, input.exerciseId));
  const variantSeed = quizSeed(input.user.id, input.exerciseId);
  const base = {
    userId: input.user.id,
    assignmentId: assigned.assignment.id,
    exerciseId: input.exerciseId,
    exerciseVersion: exercise?.version ?? "unknown",
    variantSeed: variantSeed | 0,
    mode,
    createdAt: now,
  } as const;

  const request = input.request;
  if ("answers" in request && loaded.pkg.kind === "quiz") {
    const { quiz } = loaded.pkg;
    const variant = createVariant(quiz, variantSeed);
    const grade = gradeQuiz(quiz, variant, request.answers);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(submissions)
        .values({ ...base, answers: request.answers, variant, status: "graded", verdict: "graded", score: grade.score, gradedAt: now })
        .returning({ id: submissions.id, status: submissions.status });
      if (!row) throw new Error("Inserting a quiz submission returned no row");
      await tx.insert(testResults).values(quizTestRows(row.id, grade));
      return row;
    });
  }

  const code = "code" in input.request ? input.request.code : null;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(submissions)
        .values({ ...base, code, status: "queued" })
        .returning({ id: submissions.id, status: submissions.status });
      if (!row) throw new Error("Inserting a submission returned no row");
      await enqueueGrading(tx, row.id);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Your previous submission for this exercise is still being graded.", { cause: error });
    throw error;
  }
}

/** Runs and Submits are limited separately, so that trying examples never uses up the budget for submitting. */
async function enforceRateLimit(db: Db, userId: string, mode: "run" | "submit", now: Date): Promise<void> {
  const rule = mode === "run" ? RUN_RATE : SUBMIT_RATE;
  const rate = await hitRateLimit(db, `${mode}:${userId}`, rule, now);
  if (rate.allowed) return;
  const reason = `Too many ${mode === "run" ? "runs" : "submissions"} (${rule.limit} a minute).`;
  throw new AppError("RATE_LIMITED", retryMessage(reason, rate.retryAfterSeconds), { retryAfterSeconds: rate.retryAfterSeconds });
}

/** Graded or pending "submit" attempts on an assignment (runs do not count). */
async function countAttempts(db: Db, userId: string, assignmentId: string): Promise<number> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.assignmentId, assignmentId), eq(submissions.mode, "submit")));
  return rows.length;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
