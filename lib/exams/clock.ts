import { accommodatedTimeLimit, type Accommodation } from "../scoring/accommodation";

const MINUTE_MS = 60_000;

/**
 * The instant a student's timed work ends: their start plus the time limit with their multiplier as it
 * is now (more time granted mid-exam applies at once). Null for untimed work.
 */
export function examDeadline(startedAt: Date, timeLimitMinutes: number | null, grant: Accommodation | null): Date | null {
  const minutes = accommodatedTimeLimit(timeLimitMinutes, grant);
  return minutes === null ? null : new Date(startedAt.getTime() + minutes * MINUTE_MS);
}

/**
 * How long after the deadline the server still takes the Submit the page sends as time runs out: the
 * request's trip, not extra time (the page sends it at zero; anything later is refused).
 */
export const SUBMIT_GRACE_MS = 15_000;
