import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { hitRateLimit, type RateLimitDecision } from "@/lib/rate-limit/rate-limit";
import { delayAfterFailures, takeDelayedAttempt } from "@/lib/rate-limit/growing-delay";
import { forgiveSignInAttempt, hitSignInLimits, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limits";
import { testBackends } from "../helpers/test-database";

const at = (start: Date, ms: number) => new Date(start.getTime() + ms);
const retryAfterOf = (decision: RateLimitDecision) => (decision.allowed ? undefined : decision.retryAfterSeconds);

describe.each(testBackends())("rate limits on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
  });
  afterAll(async () => {
    await drop?.();
  });

  it("allows `limit` requests per window, then says how long to wait, then forgets", async () => {
    const rule = { limit: 3, windowMs: 60_000 };
    const t0 = new Date("2026-11-25T10:00:10Z");
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await hitRateLimit(handle.db, "k", rule, t0));
    expect(decisions.slice(0, 3).map((d) => d.allowed)).toEqual([true, true, true]);
    // The 3 hits of 10:00:10 weigh 3 × (2 − elapsed) in the next window; one more fits once that is ≤ 2, at 10:01:20.
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 70 });
    expect(await hitRateLimit(handle.db, "k", rule, new Date("2026-11-25T10:02:00Z"))).toEqual({ allowed: true, remaining: 2 });
    expect(await hitRateLimit(handle.db, "other", rule, t0)).toEqual({ allowed: true, remaining: 2 });
  });

  it("does not let a burst through across a window boundary", async () => {
    const rule = { limit: 10, windowMs: 60_000 };
    for (let i = 0; i < 10; i++) expect((await hitRateLimit(handle.db, "edge", rule, new Date("2026-11-25T10:05:59Z"))).allowed).toBe(true);
    const justAfter = await hitRateLimit(handle.db, "edge", rule, new Date("2026-11-25T10:06:01Z"));
    expect(justAfter.allowed).toBe(false);
    expect(justAfter.allowed === false && justAfter.retryAfterSeconds).toBeGreaterThan(0);
    expect((await hitRateLimit(handle.db, "edge", rule, new Date("2026-11-25T10:06:40Z"))).allowed).toBe(true);
  });

  it("does not count refused requests: a client that waits exactly Retry-After is accepted, every time", async () => {
    const rule = { limit: 30, windowMs: 60_000 };
    let now = new Date("2026-11-25T11:00:37.250Z");
    for (let i = 0; i < rule.limit; i++) expect((await hitRateLimit(handle.db, "honest", rule, now)).allowed).toBe(true);
    let refusals = 0;
    for (let round = 0; round < 40; round++) {
      // A client that hammers while refused does not push its own turn back…
      const refused = await hitRateLimit(handle.db, "honest", rule, now);
      if (refused.allowed) {
        now = at(now, 250);
        continue;
      }
      refusals += 1;
      for (let i = 0; i < 5; i++) expect(retryAfterOf(await hitRateLimit(handle.db, "honest", rule, at(now, i * 100)))).toBeDefined();
      // …and once it waits exactly the Retry-After it was given, it is let in.
      now = at(now, refused.retryAfterSeconds * 1000);
      expect(await hitRateLimit(handle.db, "honest", rule, now)).toMatchObject({ allowed: true });
    }
    expect(refusals).toBeGreaterThan(5);
  });

  it("gives the exact Retry-After: one second less is still refused", async () => {
    const rule = { limit: 12, windowMs: 60_000 };
    const t0 = new Date("2026-11-25T12:00:45Z");
    for (let i = 0; i < rule.limit; i++) await hitRateLimit(handle.db, "exact", rule, at(t0, i * 1000));
    const refused = await hitRateLimit(handle.db, "exact", rule, at(t0, 12_000));
    const seconds = retryAfterOf(refused)!;
    expect(seconds).toBeGreaterThan(1);
    expect((await hitRateLimit(handle.db, "exact", rule, at(t0, 12_000 + (seconds - 1) * 1000))).allowed).toBe(false);
    expect((await hitRateLimit(handle.db, "exact", rule, at(t0, 12_000 + seconds * 1000))).allowed).toBe(true);
  });

  it("counts concurrent hits exactly", async () => {
    const rule = { limit: 10, windowMs: 3_600_000 };
    const now = new Date();
    const decisions = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(handle.db, "burst", rule, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it("grows the delay after the free failures: doubling, capped", () => {
    const schedule = SIGN_IN_LIMITS.perAccount;
    const delays = Array.from({ length: 18 }, (_, failures) => delayAfterFailures(failures, schedule) / 1000);
    expect(delays).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
  });

  it("takes one attempt per delay, however many were refused meanwhile, and forgets after a quiet spell", async () => {
    const schedule = { freeFailures: 2, firstDelayMs: 4_000, maxDelayMs: 10_000, forgetAfterMs: 3_600_000 };
    const t0 = new Date("2026-11-25T13:00:00Z");
    expect(await takeDelayedAttempt(handle.db, "d", schedule, t0)).toMatchObject({ allowed: true });
    expect(await takeDelayedAttempt(handle.db, "d", schedule, t0)).toMatchObject({ allowed: true });
    expect(await takeDelayedAttempt(handle.db, "d", schedule, at(t0, 1_500))).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(await takeDelayedAttempt(handle.db, "d", schedule, at(t0, 3_999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await takeDelayedAttempt(handle.db, "d", schedule, at(t0, 4_000))).toMatchObject({ allowed: true });
    // Third failure at 4 s: the next waits 8 s; parallel attempts at that moment get one slot between them.
    const parallel = await Promise.all(Array.from({ length: 6 }, () => takeDelayedAttempt(handle.db, "d", schedule, at(t0, 12_000))));
    expect(parallel.filter((d) => d.allowed)).toHaveLength(1);
    expect(parallel.filter((d) => !d.allowed).map(retryAfterOf)).toEqual([10, 10, 10, 10, 10]);
    expect(await takeDelayedAttempt(handle.db, "d", schedule, at(t0, 12_000 + 3_600_000))).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("an attacker failing on an account delays only itself: the owner signs in from elsewhere at once", async () => {
    const email = "owner@example.org";
    const attacker = "10.9.0.1";
    const t0 = new Date("2026-11-25T14:00:00Z");
    const { freeFailures } = SIGN_IN_LIMITS.perAccount;
    for (let i = 0; i < freeFailures; i++) expect(await hitSignInLimits(handle.db, email, attacker, at(t0, i))).toMatchObject({ allowed: true });
    // The attacker goes on every 100 ms: all refused, none counted; its next try is 1 s after its last failure.
    let refused: RateLimitDecision | undefined;
    for (let ms = 100; ms < 1_000; ms += 100) {
      refused = await hitSignInLimits(handle.db, email, attacker, at(t0, ms));
      expect(refused.allowed).toBe(false);
    }
    expect(retryAfterOf(refused!)).toBe(1);
    // The owner, from another address, is not made to wait by the attacker's failures.
    expect(await hitSignInLimits(handle.db, email, "192.0.2.10", at(t0, 500))).toMatchObject({ allowed: true });
    await forgiveSignInAttempt(handle.db, email, "192.0.2.10", at(t0, 500));
    // The attacker waits out its delay and gets exactly one more try, then waits twice as long.
    expect(await hitSignInLimits(handle.db, email, attacker, at(t0, 4 + 1_000))).toMatchObject({ allowed: true });
    expect(retryAfterOf(await hitSignInLimits(handle.db, email, attacker, at(t0, 1_005)))).toBe(2);
  });

  it("limits sign-in attempts per account and address, whatever the case of the email, known or not", async () => {
    const { freeFailures } = SIGN_IN_LIMITS.perAccount;
    const t0 = new Date("2026-11-25T15:00:00Z");
    for (let i = 0; i < freeFailures; i++) {
      expect((await hitSignInLimits(handle.db, i % 2 ? "Nobody@Example.org" : "nobody@example.org", "10.0.0.1", t0)).allowed).toBe(true);
    }
    expect(await hitSignInLimits(handle.db, "NOBODY@example.org", "10.0.0.1", t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await hitSignInLimits(handle.db, "someone-else@example.org", "10.0.0.1", t0)).toMatchObject({ allowed: true });
    expect(await hitSignInLimits(handle.db, "nobody@example.org", "10.0.0.2", t0)).toMatchObject({ allowed: true });
  });

  it("does not count good sign-ins: a class behind one address signs in, and failures are still limited", async () => {
    const { limit } = SIGN_IN_LIMITS.perAddress;
    const t0 = new Date("2026-11-25T16:00:00Z");
    for (let i = 0; i < limit * 2; i++) {
      const email = `student${i % 3}@example.org`;
      expect((await hitSignInLimits(handle.db, email, "198.51.100.9", t0)).allowed).toBe(true);
      await forgiveSignInAttempt(handle.db, email, "198.51.100.9", t0);
    }
    for (let i = 0; i < limit; i++) await hitSignInLimits(handle.db, `sprayed${i}@example.org`, "198.51.100.9", t0);
    expect((await hitSignInLimits(handle.db, "student0@example.org", "198.51.100.9", t0)).allowed).toBe(false);
  });

  it("limits sign-in attempts per address across accounts, and a refusal by the account does not count against the address", async () => {
    const { limit } = SIGN_IN_LIMITS.perAddress;
    const t0 = new Date("2026-11-25T17:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.freeFailures + 20; i++) await hitSignInLimits(handle.db, "target@example.org", "192.0.2.77", t0);
    for (let i = 0; i < limit - SIGN_IN_LIMITS.perAccount.freeFailures; i++) {
      expect((await hitSignInLimits(handle.db, `user${i}@example.org`, "192.0.2.77", t0)).allowed).toBe(true);
    }
    expect((await hitSignInLimits(handle.db, "fresh@example.org", "192.0.2.77", t0)).allowed).toBe(false);
    expect((await hitSignInLimits(handle.db, "fresh@example.org", "192.0.2.78", t0)).allowed).toBe(true);
  });
});
