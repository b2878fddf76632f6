import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { forgiveSignInAttempt, hitSignInLimits, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limits";
import { testBackends } from "../helpers/test-database";

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
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: 50 });
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

  it("counts concurrent hits exactly", async () => {
    const rule = { limit: 10, windowMs: 3_600_000 };
    const now = new Date();
    const decisions = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(handle.db, "burst", rule, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it("limits sign-in attempts per account, whatever the case of the email, known or not", async () => {
    const { limit } = SIGN_IN_LIMITS.perAccount;
    for (let i = 0; i < limit; i++) {
      expect((await hitSignInLimits(handle.db, i % 2 ? "Nobody@Example.org" : "nobody@example.org", `10.0.0.${i}`)).allowed).toBe(true);
    }
    const refused = await hitSignInLimits(handle.db, "nobody@example.org", "10.0.1.1");
    expect(refused.allowed).toBe(false);
    expect(await hitSignInLimits(handle.db, "someone-else@example.org", "10.0.1.1")).toMatchObject({ allowed: true });
  });

  it("does not count good sign-ins: a class behind one address signs in, and failures are still limited", async () => {
    const { limit } = SIGN_IN_LIMITS.perAddress;
    for (let i = 0; i < limit * 2; i++) {
      const email = `student${i % 3}@example.org`;
      expect((await hitSignInLimits(handle.db, email, "198.51.100.9")).allowed).toBe(true);
      await forgiveSignInAttempt(handle.db, email, "198.51.100.9");
    }
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.limit; i++) await hitSignInLimits(handle.db, "student0@example.org", `203.0.113.${i}`);
    expect((await hitSignInLimits(handle.db, "student0@example.org", "203.0.113.200")).allowed).toBe(false);
  });

  it("limits sign-in attempts per address across accounts", async () => {
    const { limit } = SIGN_IN_LIMITS.perAddress;
    for (let i = 0; i < limit; i++) await hitSignInLimits(handle.db, `user${i}@example.org`, "192.0.2.77");
    expect((await hitSignInLimits(handle.db, "fresh@example.org", "192.0.2.77")).allowed).toBe(false);
    expect((await hitSignInLimits(handle.db, "fresh@example.org", "192.0.2.78")).allowed).toBe(true);
  });
});
