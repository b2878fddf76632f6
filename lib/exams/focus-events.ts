import { z } from "zod";
import type { Db } from "../db";
import type { Assessment } from "../db/schema";
import { AppError } from "../errors";
import { hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import { logExamEvent } from "./events";
import { isTimedWorkInProgress } from "./in-progress";

/** The largest body the page's focus reports may have: they are a few dozen bytes. */
export const MAX_FOCUS_EVENT_BYTES = 1024;

/** How long focus may have been away, as reported: a day is far beyond any exam. */
const MAX_AWAY_MS = 24 * 60 * 60 * 1000;

/** What the page reports when the browser says the exam lost focus or got it back. */
export const FocusEventSchema = z
  .object({
    kind: z.enum(["focus_lost", "focus_back"]),
    /** With focus_back: how long focus was away, by the page's clock. */
    awayMs: z.number().int().min(0).max(MAX_AWAY_MS).optional(),
  })
  .strict();
export type FocusEvent = z.infer<typeof FocusEventSchema>;

/** Focus reports per student and assessment: switching tabs twice a second for a minute is not an exam. */
export const FOCUS_EVENT_RATE: RateLimitRule = { limit: 60, windowMs: 60_000 };

/** Counts one focus report against the student's budget on the assessment; RATE_LIMITED past it. */
export async function spendFocusReport(db: Db, userId: string, assessmentId: string, now = new Date()): Promise<void> {
  const rate = await hitRateLimit(db, `exam-focus:${userId}:${assessmentId}`, FOCUS_EVENT_RATE, now);
  if (rate.allowed) return;
  const reason = `Too many focus reports (${FOCUS_EVENT_RATE.limit} a minute).`;
  throw new AppError("RATE_LIMITED", retryMessage(reason, rate.retryAfterSeconds), { retryAfterSeconds: rate.retryAfterSeconds });
}

/**
 * Adds a focus report to the student's exam log: only while they are taking this timed assessment
 * (FORBIDDEN before the start, after the finish or the deadline, and on untimed work).
 */
export async function recordFocusEvent(db: Db, input: { userId: string; assessment: Pick<Assessment, "id">; event: FocusEvent; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  if (!(await isTimedWorkInProgress(db, input.userId, input.assessment.id, now))) {
    throw new AppError("FORBIDDEN", "You are not taking this assessment right now.");
  }
  const detail = input.event.kind === "focus_back" && input.event.awayMs !== undefined ? { awayMs: input.event.awayMs } : undefined;
  await logExamEvent(db, { assessmentId: input.assessment.id, userId: input.userId, kind: input.event.kind, detail, at: now });
}
