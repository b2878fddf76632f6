import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assessmentStarts, type Assessment, type User } from "../db/schema";
import { can } from "../auth/permissions";
import type { CourseMembership } from "../courses/courses";
import { checkSubmissionWindow } from "../courses/deadlines";
import { getStudentPolicy } from "../courses/student-policy";
import { AppError } from "../errors";
import { forgiveRateLimitHit, hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import { findStudentAccommodation } from "../scoring/student-accommodations";
import { scheduleExamDeadline } from "./deadline-job";
import { logExamEvent } from "./events";
import { finalizeAssessment } from "./finalize";
import { closingTime, examStateOf, isExamClosed, type ExamState } from "./state";

/** Wrong access codes a student may type per assessment before waiting. */
export const ACCESS_CODE_RATE: RateLimitRule = { limit: 5, windowMs: 5 * 60_000 };

export interface ExamStateInput {
  assessment: Assessment;
  userId: string;
  now: Date;
}

async function readState(db: Db, { assessment, userId, now }: ExamStateInput): Promise<ExamState> {
  if (assessment.timeLimitMinutes === null) return examStateOf(null, null, null, now);
  const [start] = await db
    .select()
    .from(assessmentStarts)
    .where(and(eq(assessmentStarts.assessmentId, assessment.id), eq(assessmentStarts.userId, userId)))
    .limit(1);
  const grant = await findStudentAccommodation(db, userId, assessment.id);
  return examStateOf(assessment.timeLimitMinutes, start ?? null, grant, now);
}

/**
 * Where the student stands in the assessment's time limit, by the server's clock. Work found past its
 * deadline (and the grace) is closed on the spot, newer drafts submitted, whether or not the time-up
 * job has run yet.
 */
export async function getExamState(db: Db, input: ExamStateInput): Promise<ExamState> {
  const state = await readState(db, input);
  if (state.status !== "in_progress" || !isExamClosed(state, input.now)) return state;
  await finalizeAssessment(db, { assessmentId: input.assessment.id, userId: input.userId, reason: "time_up", now: input.now });
  return readState(db, input);
}

export interface StartInput {
  user: User;
  membership: CourseMembership;
  assessment: Assessment;
  accessCode: string | undefined;
  now: Date;
}

/**
 * A student's one start of timed work: inside the assessment's window, with its access code when it has
 * one. A second start returns the running (or finished) state and never resets the clock.
 */
export async function startAssessment(db: Db, input: StartInput): Promise<ExamState> {
  const { user, membership, assessment, now } = input;
  if (!can(membership, "submit-as-student") || assessment.courseId !== membership.course.id) throw new AppError("NOT_FOUND", "No such assessment.");
  if (assessment.timeLimitMinutes === null) throw new AppError("INVALID_INPUT", "This assessment has no time limit: there is nothing to start.");
  const existing = await getExamState(db, { assessment, userId: user.id, now });
  if (existing.status !== "not_started") return existing;

  const policy = await getStudentPolicy(db, assessment, user.id);
  const window = checkSubmissionWindow(policy, now, 0, membership.course.timeZone);
  if (!window.open) throw new AppError("FORBIDDEN", window.reason === "not_open_yet" ? `You cannot start yet: it ${window.message.charAt(0).toLowerCase()}${window.message.slice(1)}` : "This assessment is closed: it can no longer be started.");
  await checkAccessCode(db, assessment, user.id, input.accessCode, now);

  await db.transaction(async (tx) => {
    const inserted = await tx.insert(assessmentStarts).values({ assessmentId: assessment.id, userId: user.id, startedAt: now }).onConflictDoNothing().returning();
    if (inserted.length === 0) return;
    await logExamEvent(tx, { assessmentId: assessment.id, userId: user.id, kind: "start", at: now });
    const state = examStateOf(assessment.timeLimitMinutes, inserted[0]!, await findStudentAccommodation(tx, user.id, assessment.id), now);
    if (state.deadline) await scheduleExamDeadline(tx, { assessmentId: assessment.id, userId: user.id }, closingTime(state.deadline));
  });
  return readState(db, { assessment, userId: user.id, now });
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

/** The student ends their timed work early: newer drafts are submitted and nothing more is taken. */
export async function finishAssessment(db: Db, input: ExamStateInput): Promise<ExamState> {
  const state = await getExamState(db, input);
  if (state.status === "in_progress") await finalizeAssessment(db, { assessmentId: input.assessment.id, userId: input.userId, reason: "finished", now: input.now });
  return readState(db, input);
}

/**
 * The page at zero asks the server to close the work: done when the deadline has passed by the server's
 * clock (a page whose clock runs early gets the state back and asks again).
 */
export async function closeAtTimeUp(db: Db, input: ExamStateInput): Promise<ExamState> {
  const state = await getExamState(db, input);
  if (state.status === "in_progress" && state.deadline && input.now >= state.deadline) {
    await finalizeAssessment(db, { assessmentId: input.assessment.id, userId: input.userId, reason: "time_up", now: input.now });
    return readState(db, input);
  }
  return state;
}
