import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rateLimits } from "../db/schema";
import { lockedRateLimitRow, type RateLimitRow } from "./locked-row";

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** The counters of one key as of `windowStart` (the window `now` falls in). */
interface Counters {
  windowStart: number;
  count: number;
  previous: number;
}

/**
 * Counts one request against `key` and says whether it is allowed, by a sliding window: the hits of
 * the current window plus those of the previous one, weighted by how much of it still overlaps the
 * last `windowMs`. (A fixed window would let twice the limit through around a window boundary.)
 * A refused request is not counted, and its Retry-After is the exact time until a request would be
 * allowed, so that a client that waits it out is never refused again. The key's row is locked for the
 * decision, so concurrent requests on any number of app instances are counted exactly.
 */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitDecision> {
  return db.transaction(async (tx) => {
    const row = await lockedRateLimitRow(tx, key);
    const counters = countersAt(row, rule, now.getTime());
    const estimate = estimateAt(counters, rule, now.getTime()) + 1;
    if (!fits(estimate, rule)) return { allowed: false, retryAfterSeconds: retryAfterSeconds(counters, rule, now.getTime()) };
    await tx
      .update(rateLimits)
      .set({ windowStart: new Date(counters.windowStart), count: counters.count + 1, previousCount: counters.previous })
      .where(eq(rateLimits.key, key));
    return { allowed: true, remaining: Math.floor(rule.limit - estimate + EPSILON) };
  });
}

/** Takes back one hit of the current window (a request that turned out not to count, like a good sign-in). */
export async function forgiveRateLimitHit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
}

// Weighted counts are fractions; a hit exactly at the computed time must not be refused by rounding.
const EPSILON = 1e-9;
const fits = (estimate: number, rule: RateLimitRule) => estimate <= rule.limit + EPSILON;

/** The stored counters moved to the window that `nowMs` falls in. */
function countersAt(row: RateLimitRow, rule: RateLimitRule, nowMs: number): Counters {
  const windowStart = Math.floor(nowMs / rule.windowMs) * rule.windowMs;
  const stored = row.windowStart.getTime();
  if (stored === windowStart) return { windowStart, count: row.count, previous: row.previousCount };
  if (stored === windowStart - rule.windowMs) return { windowStart, count: 0, previous: row.count };
  return { windowStart, count: 0, previous: 0 };
}

/** Hits counted at `atMs` (not before the counters' window): the current window's plus the overlapping part of the previous one's. */
function estimateAt(counters: Counters, rule: RateLimitRule, atMs: number): number {
  const elapsed = (atMs - counters.windowStart) / rule.windowMs;
  if (elapsed < 1) return counters.count + counters.previous * (1 - elapsed);
  if (elapsed < 2) return counters.count * (2 - elapsed);
  return 0;
}

/**
 * Whole seconds until one more hit fits: the weighted count only falls with time, so this is the first
 * moment it does, rounded up. Within the current window the previous window's hits fade; after it, the
 * current window's hits fade in turn.
 */
function retryAfterSeconds(counters: Counters, rule: RateLimitRule, nowMs: number): number {
  const { windowStart, count, previous } = counters;
  const free = rule.limit - 1;
  let atMs: number;
  if (count <= free && previous > 0) {
    // count + previous * (1 - elapsed) <= limit - 1
    atMs = windowStart + (1 - (free - count) / previous) * rule.windowMs;
  } else {
    // In the next window: count * (2 - elapsed) <= limit - 1, with elapsed counted from this window's start.
    atMs = windowStart + rule.windowMs + (count > 0 ? Math.max(0, 1 - free / count) : 0) * rule.windowMs;
  }
  let seconds = Math.max(1, Math.ceil((atMs - nowMs) / 1000));
  // Floating point may put the exact moment a hair late; the answer must be a moment that is allowed.
  while (!fits(estimateAt(counters, rule, nowMs + seconds * 1000) + 1, rule)) seconds += 1;
  return seconds;
}
