import type { Db } from "../db";
import { forgiveRateLimitHit, hitRateLimit, type RateLimitDecision, type RateLimitRule } from "../rate-limit/rate-limit";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Failed attempts allowed per account (known or not, so the limit says nothing about which exist) and
 * per address. Good sign-ins are forgiven: a class behind one NAT address signs in at the start of a lab.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { limit: 10, windowMs: FIFTEEN_MINUTES },
  perAddress: { limit: 50, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitRule>;

/** Counts a sign-in attempt against the account and the client address; refused if either is over its limit. */
export async function hitSignInLimits(db: Db, email: string, address: string | undefined): Promise<RateLimitDecision> {
  const account = await hitRateLimit(db, accountKey(email), SIGN_IN_LIMITS.perAccount);
  const byAddress = address ? await hitRateLimit(db, addressKey(address), SIGN_IN_LIMITS.perAddress) : account;
  if (!account.allowed && !byAddress.allowed) {
    return { allowed: false, retryAfterSeconds: Math.max(account.retryAfterSeconds, byAddress.retryAfterSeconds) };
  }
  if (!account.allowed) return account;
  return byAddress;
}

/** A sign-in that succeeded does not count against either limit. */
export async function forgiveSignInAttempt(db: Db, email: string, address: string | undefined): Promise<void> {
  await forgiveRateLimitHit(db, accountKey(email), SIGN_IN_LIMITS.perAccount);
  if (address) await forgiveRateLimitHit(db, addressKey(address), SIGN_IN_LIMITS.perAddress);
}

const accountKey = (email: string) => `signin:account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `signin:address:${address}`;

/** The client address as the app server saw it (Next.js sets x-forwarded-for; a proxy in front prepends to it). */
export function clientAddress(headers: Record<string, unknown> | undefined): string | undefined {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded !== "string") return undefined;
  return forwarded.split(",")[0]?.trim() || undefined;
}
