import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db";
import type { Transaction } from "../db/transaction";
import { assessmentStarts, type Assessment, type AssessmentStart, type User } from "../db/schema";
import type { CourseMembership } from "../courses/courses";
import { checkSubmissionWindow } from "../courses/deadlines";
import { getStudentPolicy } from "../courses/student-policy";
import { AppError } from "../errors";
import { forgiveRateLimitHit, hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import { findStudentAccommodation } from "../scoring/student-accommodations";
import { scheduleExamDeadline } from "./deadline-job";
import { logExamEvent } from "./events";
import { closingTime, examStateOf, type ExamState, type FinishReason } from "./state";

/*
 * A student's start of timed work and its state: the low-level part, below lib/auth and lib/submissions
 * (lib/auth asks whether timed work is in progress). Closing the work, which submits drafts, is a workflow
 * across folders: lib/workflows/finalize-exam.ts and lib/workflows/exam-close.ts.
 */

/** Wrong access codes a student may type per assessment before waiting. */
export const ACCESS_CODE_RATE: RateLimitRule = { limit: 5, windowMs: 5 * 60_000 };

export interface ExamStateInput {
  assessment: Assessment;
  userId: string;
  now: Date;
}

/**
 * Where the student stands in the assessment's time limit, by the server's clock, as stored. Work past
 * its deadline still reads "in_progress" (remaining 0) until it is closed: readers that show it to the
 * student go through getExamStateClosingIfDue (lib/workflows/exam-close.ts), which closes it first.
 */
export async function getExamState(db: Db, { assessment, userId, now }: ExamStateInput): Promise<ExamState> {
  if (assessment.timeLimitMinutes === null) return examStateOf(null, null, null, now);
  const [start] = await db
    .select()
    .from(assessmentStarts)
    .where(and(eq(assessmentStarts.assessmentId, assessment.id), eq(assessmentStarts.userId, userId)))
    .limit(1);
  const grant = await findStudentAccommodation(db, userId, assessment.id);
  return examStateOf(assessment.timeLimitMinutes, start ?? null, grant, now, assessment);
}

export interface StartInput {
  user: User;
  /** The student's membership of the assessment's course (the caller has checked they work as a student). */
  membership: CourseMembership;
  assessment: Assessment;
  accessCode: string | undefined;
  now: Date;
}

/**
 * A student's one start of timed work: inside the assessment's window, with its access code when it has
 * one; logs "start" and sends the time-up job. A second start returns the state as it is and never resets
 * the clock.
 */
export async function startAssessment(db: Db, input: StartInput): Promise<ExamState> {
  const { user, membership, assessment, now } = input;
  if (assessment.courseId !== membership.course.id) throw new AppError("NOT_FOUND", "No such assessment.");
  if (assessment.timeLimitMinutes === null) throw new AppError("INVALID_INPUT", "This assessment has no time limit: there is nothing to start.");
  const existing = await getExamState(db, { assessment, userId: user.id, now });
  if (existing.status !== "not_started") return existing;

  const policy = await getStudentPolicy(db, assessment, user.id);
  const window = checkSubmissionWindow(policy, now, 0, membership.course.timeZone);
  if (!window.open) {
    throw new AppError("FORBIDDEN", window.reason === "not_open_yet" ? `You cannot start yet: it opens ${window.message.replace(/^Opens /, "")}` : "This assessment is closed: it can no longer be started.");
  }
  await checkAccessCode(db, assessment, user.id, input.accessCode, now);

  await db.transaction(async (tx) => {
    const inserted = await tx.insert(assessmentStarts).values({ assessmentId: assessment.id, userId: user.id, startedAt: now }).onConflictDoNothing().returning();
    if (inserted.length === 0) return;
    await logExamEvent(tx, { assessmentId: assessment.id, userId: user.id, kind: "start", at: now });
    const state = examStateOf(assessment.timeLimitMinutes, inserted[0]!, await findStudentAccommodation(tx, user.id, assessment.id), now, assessment);
    if (state.deadline) await scheduleExamDeadline(tx, { assessmentId: assessment.id, userId: user.id }, closingTime(state.deadline));
  });
  return getExamState(db, { assessment, userId: user.id, now });
}

/** Compares in constant time (both sides hashed to one length); wrong tries are rate-limited, a right one is forgiven. */
async function checkAccessCode(db: Db, assessment: Assessment, userId: string, given: string | undefined, now: Date): Promise<void> {
  if (assessment.accessCode === null) return;
  const key = `access-code:${assessment.id}:${userId}`;
  const rate = await hitRateLimit(db, key, ACCESS_CODE_RATE, now);
  if (!rate.allowed) {
    throw new AppError("RATE_LIMITED", retryMessage("Too many wrong access codes.", rate.retryAfterSeconds), { retryAfterSeconds: rate.retryAfterSeconds });
  }
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  if (!timingSafeEqual(digest((given ?? "").trim()), digest(assessment.accessCode))) {
    throw new AppError("FORBIDDEN", "That access code is not right. Ask your instructor for the code.");
  }
  await forgiveRateLimitHit(db, key, ACCESS_CODE_RATE, now);
}

/** The student's unfinished start, locked for the rest of `tx` (finalizing takes it so that it runs once); null when none. */
export async function lockUnfinishedStart(tx: Transaction, assessmentId: string, userId: string): Promise<AssessmentStart | null> {
  const [start] = await tx
    .select()
    .from(assessmentStarts)
    .where(and(eq(assessmentStarts.assessmentId, assessmentId), eq(assessmentStarts.userId, userId), isNull(assessmentStarts.finishedAt)))
    .for("update");
  return start ?? null;
}

/** Marks the start finished (the student's button, or time up) and logs it. */
export async function markStartFinished(tx: Transaction, assessmentId: string, userId: string, reason: FinishReason, now: Date): Promise<void> {
  await tx
    .update(assessmentStarts)
    .set({ finishedAt: now, finishReason: reason })
    .where(and(eq(assessmentStarts.assessmentId, assessmentId), eq(assessmentStarts.userId, userId)));
  await logExamEvent(tx, { assessmentId, userId, kind: reason === "finished" ? "finish" : "time_up", at: now });
}
