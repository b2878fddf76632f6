import type { Db } from "../db";
import { hitRateLimit, type RateLimitDecision, type RateLimitRule } from "../rate-limit/rate-limit";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Attempts allowed per account (known or not, so the limit says nothing about which exist) and per address. */
export const SIGN_IN_LIMITS = {
  perAccount: { limit: 10, windowMs: FIFTEEN_MINUTES },
  perAddress: { limit: 50, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitRule>;


/** Counts a sign-in attempt against the account and the client address; refused if either is over its limit. */
export async function hitSignInLimits(db: Db, email: string, address: string | undefined): Promise<RateLimitDecision> {
  const account = await hitRateLimit(db, `signin:account:${email.trim().toLowerCase()}`, SIGN_IN_LIMITS.perAccount);
  const byAddress = address ? await hitRateLimit(db, `signin:address:${address}`, SIGN_IN_LIMITS.perAddress) : account;
  if (!account.allowed && !byAddress.allowed) {
    return { allowed: false, retryAfterSeconds: Math.max(account.retryAfterSeconds, byAddress.retryAfterSeconds) };
  }
  if (!account.allowed) return account;
  return byAddress;
}

/** The client address as the app server saw it (Next.js sets x-forwarded-for; a proxy in front prepends to it). */
export function clientAddress(headers: Record<string, unknown> | undefined): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded !== "string") return undefined;
  return forwarded.split(",")[0]?.trim() || undefined;
}
