import { describe, expect, it } from "vitest";
import type { AssignmentPolicy } from "@/lib/courses/deadlines";
import { effectiveExplanationRelease, explanationsReleased } from "@/lib/courses/explanation-release";

const DAY = 86_400_000;
const due = new Date("2026-12-10T12:00:00Z");
const before = new Date(due.getTime() - DAY);
const after = new Date(due.getTime() + 1000);

function policy(overrides: Partial<AssignmentPolicy> = {}): AssignmentPolicy {
  return { opensAt: null, dueAt: due, attemptLimit: null, latePolicy: "none", latePenaltyPerDay: 0, lateCutoffAt: null, lateWaived: false, ...overrides };
}

describe("effectiveExplanationRelease", () => {
  it("defaults to after each attempt for unlimited attempts and to after close otherwise", () => {
    expect(effectiveExplanationRelease(null, null)).toBe("after_attempt");
    expect(effectiveExplanationRelease(null, 3)).toBe("after_close");
  });

  it("keeps the instructor's choice whatever the attempt limit", () => {
    expect(effectiveExplanationRelease("after_close", null)).toBe("after_close");
    expect(effectiveExplanationRelease("after_attempt", 3)).toBe("after_attempt");
  });
});

describe("explanationsReleased", () => {
  it("never releases before the student has submitted", () => {
    expect(explanationsReleased({ setting: "after_attempt", policy: policy(), attemptsUsed: 0, now: after })).toBe(false);
  });

  it("by default releases after the first attempt when attempts are unlimited", () => {
    expect(explanationsReleased({ setting: null, policy: policy(), attemptsUsed: 1, now: before })).toBe(true);
  });

  it("by default waits, with limited attempts, for the last attempt or the due date", () => {
    const limited = policy({ attemptLimit: 3 });
    expect(explanationsReleased({ setting: null, policy: limited, attemptsUsed: 2, now: before })).toBe(false);
    expect(explanationsReleased({ setting: null, policy: limited, attemptsUsed: 3, now: before })).toBe(true);
    expect(explanationsReleased({ setting: null, policy: limited, attemptsUsed: 1, now: after })).toBe(true);
  });

  it("waits for the late cut-off while late work is still accepted", () => {
    const late = policy({ attemptLimit: 3, latePolicy: "penalty", latePenaltyPerDay: 10, lateCutoffAt: new Date(due.getTime() + 2 * DAY) });
    expect(explanationsReleased({ setting: null, policy: late, attemptsUsed: 1, now: after })).toBe(false);
    expect(explanationsReleased({ setting: null, policy: late, attemptsUsed: 1, now: new Date(due.getTime() + 3 * DAY) })).toBe(true);
  });

  it("follows the instructor's override both ways", () => {
    expect(explanationsReleased({ setting: "after_attempt", policy: policy({ attemptLimit: 3 }), attemptsUsed: 1, now: before })).toBe(true);
    expect(explanationsReleased({ setting: "after_close", policy: policy(), attemptsUsed: 5, now: before })).toBe(false);
    expect(explanationsReleased({ setting: "after_close", policy: policy(), attemptsUsed: 5, now: after })).toBe(true);
  });
});
