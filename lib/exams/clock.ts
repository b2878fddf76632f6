import type { Assessment } from "../db/schema";
import { accommodatedTimeLimit, applyAccommodation, type Accommodation } from "../scoring/accommodation";
import { acceptsLateWork } from "../scoring/late-policy";

const MINUTE_MS = 60_000;

/** The rules of an assessment that end a student's window: its due date, late policy and cut-off. */
export type ClosingRules = Pick<Assessment, "dueAt" | "latePolicy" | "lateCutoffAt">;

/**
 * When the student's window to hand in closes (their extension and waiver applied): the due date when
 * late work is not taken, else the late cut-off; null when it never closes.
 */
export function windowClosesAt(rules: ClosingRules, grant: Accommodation | null): Date | null {
  const policy = applyAccommodation(
    { dueAt: rules.dueAt, latePolicy: rules.latePolicy, latePenaltyPerDay: 0, lateCutoffAt: rules.lateCutoffAt, lateWaived: false, opensAt: null, attemptLimit: null },
    grant,
  );
  if (policy.dueAt === null) return null;
  return acceptsLateWork(policy, policy.dueAt) ? policy.lateCutoffAt : policy.dueAt;
}

/**
 * The instant a student's timed work ends: their start plus the time limit with their multiplier as it
 * is now (more time granted mid-exam applies at once), but never after their window closes (`rules`):
 * a student who starts 20 minutes before the due date has 20 minutes. Null for untimed work.
 */
export function examDeadline(startedAt: Date, timeLimitMinutes: number | null, grant: Accommodation | null, rules?: ClosingRules): Date | null {
  const minutes = accommodatedTimeLimit(timeLimitMinutes, grant);
  if (minutes === null) return null;
  const end = new Date(startedAt.getTime() + minutes * MINUTE_MS);
  const closes = rules ? windowClosesAt(rules, grant) : null;
  return closes && closes < end ? closes : end;
}

/**
 * How long after the deadline the server still takes the Submit the page sends as time runs out: the
 * request's trip, not extra time (the page sends it at zero; anything later is refused). Such a Submit
 * counts as made at the deadline.
 */
export const SUBMIT_GRACE_MS = 15_000;
