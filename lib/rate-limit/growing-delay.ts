import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { rateLimits } from "../db/schema";
import { lockedRateLimitRow } from "./locked-row";
import type { RateLimitDecision } from "./rate-limit";

export interface DelaySchedule {
  /** Failures that cost no wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A quiet spell this long since the last failure starts the count afresh. */
  forgetAfterMs: number;
}

/** How long after its last failure a key takes its next attempt, given its failures so far. */
export function delayAfterFailures(failures: number, schedule: DelaySchedule): number {
  if (failures < schedule.freeFailures) return 0;
  return Math.min(schedule.firstDelayMs * 2 ** (failures - schedule.freeFailures), schedule.maxDelayMs);
}

/**
 * Takes an attempt for `key` if its delay has passed, counting it as a failure up front (so that parallel
 * attempts cannot share one slot); `clearFailures` takes it back when it succeeds. An attempt refused
 * during the delay is not counted: whoever waits for the delay gets the next attempt, however many were
 * refused meanwhile. Stored in a rate_limits row: `count` failures, the last at `windowStart`.
 */
export async function takeDelayedAttempt(db: Db, key: string, schedule: DelaySchedule, now = new Date()): Promise<RateLimitDecision> {
  return db.transaction(async (tx) => {
    const row = await lockedRateLimitRow(tx, key);
    const lastFailure = row.windowStart.getTime();
    const failures = now.getTime() - lastFailure >= schedule.forgetAfterMs ? 0 : row.count;
    const waitMs = lastFailure + delayAfterFailures(failures, schedule) - now.getTime();
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    await tx.update(rateLimits).set({ windowStart: now, count: failures + 1, previousCount: 0 }).where(eq(rateLimits.key, key));
    return { allowed: true, remaining: Math.max(0, schedule.freeFailures - failures - 1) };
  });
}

/** Forgets the failures of `key` (its attempt succeeded). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
