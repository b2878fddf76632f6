import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rateLimits } from "../db/schema";

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request against `key` and says whether it is allowed, by a sliding window: the hits of
 * the current window plus those of the previous one, weighted by how much of it still overlaps the
 * last `windowMs`. (A fixed window would let twice the limit through around a window boundary.)
 * One atomic upsert, so concurrent requests on any number of app instances are counted exactly.
 */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const previousWindowStart = new Date(windowStart.getTime() - rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1, previousCount: 0 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      // SET expressions read the row as it was: each case looks at the old window.
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        previousCount: sql`case
          when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.previousCount}
          when ${rateLimits.windowStart} = ${previousWindowStart.toISOString()}::timestamptz then ${rateLimits.count}
          else 0 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count, previousCount: rateLimits.previousCount });
  const count = row?.count ?? 1;
  const previous = row?.previousCount ?? 0;
  const elapsed = (now.getTime() - windowStart.getTime()) / rule.windowMs;
  const estimate = count + previous * (1 - elapsed);
  if (estimate <= rule.limit) return { allowed: true, remaining: Math.floor(rule.limit - estimate) };
  return { allowed: false, retryAfterSeconds: retryAfter(rule, count, previous, elapsed) };
}

/** Seconds until the weighted count falls back within the limit (or, failing that, the window ends). */
function retryAfter(rule: RateLimitRule, count: number, previous: number, elapsed: number): number {
  let fraction = 1 - elapsed;
  if (count < rule.limit && previous > 0) fraction = Math.max(0, 1 - (rule.limit - count) / previous - elapsed);
  return Math.max(1, Math.ceil((fraction * rule.windowMs) / 1000));
}

/** Takes back one hit of the current window (a request that turned out not to count, like a good sign-in). */
export async function forgiveRateLimitHit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
}
