import type { Db } from "../db";
import { clearFailures, takeDelayedAttempt, type DelaySchedule } from "../rate-limit/growing-delay";
import { forgiveRateLimitHit, hitRateLimit, type RateLimitDecision, type RateLimitRule } from "../rate-limit/rate-limit";

export { clientAddress } from "./client-address";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Per account and client address (accounts known or not, so the limit says nothing about which exist): a
 * few failures are free, then each next attempt from that address waits 1 s, 2 s, 4 s … up to 15 min after
 * its last failure. No lockout: the delay is the attacker's own, so an owner signing in from anywhere else
 * is never made to wait by it (a delay per account alone let an attacker who times one failure to each
 * expiry keep the owner out for good). Per address: failures across accounts (password spraying), which
 * also bounds how fast one address guesses. Good sign-ins are forgiven: a class behind one NAT address
 * signs in at the start of a lab.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: FIFTEEN_MINUTES, forgetAfterMs: 24 * 60 * 60 * 1000 },
  perAddress: { limit: 50, windowMs: FIFTEEN_MINUTES },
} satisfies { perAccount: DelaySchedule; perAddress: RateLimitRule };

/**
 * Takes a sign-in attempt for the account and the client address, or refuses it (then counting it
 * against neither). Taken attempts count as failures until `forgiveSignInAttempt`.
 */
export async function hitSignInLimits(db: Db, email: string, address: string | undefined, now = new Date()): Promise<RateLimitDecision> {
  if (address) {
    const byAddress = await hitRateLimit(db, addressKey(address), SIGN_IN_LIMITS.perAddress, now);
    if (!byAddress.allowed) return byAddress;
  }
  const account = await takeDelayedAttempt(db, accountKey(email, address), SIGN_IN_LIMITS.perAccount, now);
  if (!account.allowed && address) await forgiveRateLimitHit(db, addressKey(address), SIGN_IN_LIMITS.perAddress, now);
  return account;
}

/** A sign-in that succeeded: the account's failures are forgotten and the attempt does not count against the address. */
export async function forgiveSignInAttempt(db: Db, email: string, address: string | undefined, now = new Date()): Promise<void> {
  await clearFailures(db, accountKey(email, address));
  if (address) await forgiveRateLimitHit(db, addressKey(address), SIGN_IN_LIMITS.perAddress, now);
}

const accountKey = (email: string, address: string | undefined) => `signin:account:${email.trim().toLowerCase()}:from:${address ?? "unknown"}`;
const addressKey = (address: string) => `signin:address:${address}`;
