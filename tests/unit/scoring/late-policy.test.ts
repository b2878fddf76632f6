import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptsLateWork, countingScore, DAY_MS, isLate, LATE_POLICY_KINDS, latePenaltyFactor, type LatePolicy } from "@/lib/scoring/late-policy";

const due = new Date("2026-12-01T12:00:00Z");
const policies = fc.record({
  dueAt: fc.option(fc.constant(due), { nil: null }),
  latePolicy: fc.constantFrom(...LATE_POLICY_KINDS),
  latePenaltyPerDay: fc.integer({ min: 0, max: 10_000 }).map((cents) => cents / 100),
  lateCutoffAt: fc.option(fc.integer({ min: 0, max: 8 * DAY_MS }).map((ms) => new Date(due.getTime() + ms)), { nil: null }),
  lateWaived: fc.boolean(),
}) satisfies fc.Arbitrary<LatePolicy>;
const times = fc.integer({ min: -3 * DAY_MS, max: 12 * DAY_MS }).map((ms) => new Date(due.getTime() + ms));

describe("late policy", () => {
  it("keeps a share between 0 and 1 that never grows with lateness", () => {
    fc.assert(
      fc.property(policies, times, times, (policy, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const factor = latePenaltyFactor(policy, early);
        expect(factor).toBeGreaterThanOrEqual(0);
        expect(factor).toBeLessThanOrEqual(1);
        expect(latePenaltyFactor(policy, late)).toBeLessThanOrEqual(factor);
      }),
    );
  });

  it("is 1 on time and 0 when late work is not taken", () => {
    fc.assert(
      fc.property(policies, times, (policy, at) => {
        if (!isLate(policy, at)) expect(latePenaltyFactor(policy, at)).toBe(1);
        else if (!acceptsLateWork(policy, at)) expect(latePenaltyFactor(policy, at)).toBe(0);
      }),
    );
  });

  it("takes waived late work without penalty up to the cut-off, under either policy", () => {
    const waived = policies.map((policy) => ({ ...policy, lateWaived: true }));
    fc.assert(
      fc.property(waived, times, (policy, at) => {
        const beforeCutoff = !policy.lateCutoffAt || at <= policy.lateCutoffAt;
        expect(latePenaltyFactor(policy, at)).toBe(!isLate(policy, at) || beforeCutoff ? 1 : 0);
      }),
    );
  });

  it("counts the best penalized attempt, whatever their order", () => {
    const attempts = fc.array(fc.record({ submittedAt: times, score: fc.option(fc.integer({ min: 0, max: 10 }).map((n) => n / 10), { nil: null }) }));
    fc.assert(
      fc.property(policies, attempts, (policy, list) => {
        const counted = countingScore(policy, list);
        expect(countingScore(policy, [...list].reverse())).toBe(counted);
        const graded = list.filter((attempt) => attempt.score !== null);
        if (graded.length === 0) expect(counted).toBeNull();
        else expect(counted).toBe(Math.max(...graded.map((attempt) => attempt.score! * latePenaltyFactor(policy, attempt.submittedAt))));
      }),
    );
  });
});
