import { describe, expect, it } from "vitest";
import {
  AssignmentPolicySchema,
  checkSubmissionWindow,
  countingScore,
  latePenaltyFactor,
  type AssignmentPolicy,
} from "@/lib/courses/deadlines";

const due = new Date("2026-12-01T12:00:00Z");
const hours = (n: number) => new Date(due.getTime() + n * 3_600_000);
const base: AssignmentPolicy = {
  opensAt: new Date("2026-11-20T00:00:00Z"),
  dueAt: due,
  attemptLimit: 3,
  latePolicy: "none",
  latePenaltyPerDay: 0,
  lateCutoffAt: null,
  lateWaived: false,
};
const penalty: AssignmentPolicy = { ...base, latePolicy: "penalty", latePenaltyPerDay: 10, lateCutoffAt: hours(72) };

describe("checkSubmissionWindow", () => {
  it("refuses before the assignment opens and after the attempts run out", () => {
    expect(checkSubmissionWindow(base, new Date("2026-11-19T23:59:59Z"), 0)).toMatchObject({ open: false, reason: "not_open_yet" });
    expect(checkSubmissionWindow(base, hours(-1), 3)).toMatchObject({ open: false, reason: "attempts_exhausted" });
    expect(checkSubmissionWindow(base, hours(-1), 2)).toEqual({ open: true, late: false, penaltyFactor: 1 });
  });

  it("accepts a submission at the due instant and refuses one a millisecond later without a late policy", () => {
    expect(checkSubmissionWindow(base, due, 0)).toMatchObject({ open: true, late: false });
    expect(checkSubmissionWindow(base, new Date(due.getTime() + 1), 0)).toMatchObject({ open: false, reason: "closed" });
  });

  it("accepts late work with a penalty until the cut-off", () => {
    expect(checkSubmissionWindow(penalty, hours(1), 0)).toEqual({ open: true, late: true, penaltyFactor: 0.9 });
    expect(checkSubmissionWindow(penalty, hours(72), 0)).toMatchObject({ open: true, penaltyFactor: expect.closeTo(0.7, 10) });
    expect(checkSubmissionWindow(penalty, hours(73), 0)).toMatchObject({ open: false, reason: "closed" });
  });

  it("treats unlimited attempts and no dates as always open", () => {
    const open: AssignmentPolicy = { ...base, opensAt: null, dueAt: null, attemptLimit: null };
    expect(checkSubmissionWindow(open, new Date(0), 10_000)).toMatchObject({ open: true, late: false });
  });
});

describe("latePenaltyFactor and countingScore", () => {
  it("charges per started day and never goes below zero", () => {
    expect(latePenaltyFactor(penalty, hours(24))).toBeCloseTo(0.9);
    expect(latePenaltyFactor(penalty, hours(24.01))).toBeCloseTo(0.8);
    expect(latePenaltyFactor({ ...penalty, latePenaltyPerDay: 60, lateCutoffAt: null }, hours(50))).toBe(0);
  });

  it("keeps the best attempt after penalties, ignoring ungraded ones", () => {
    const attempts = [
      { submittedAt: hours(-5), score: 0.6 },
      { submittedAt: hours(10), score: 1 },
      { submittedAt: hours(-1), score: null },
    ];
    expect(countingScore(penalty, attempts)).toBeCloseTo(0.9);
    expect(countingScore(base, attempts)).toBeCloseTo(0.6);
    expect(countingScore(base, [])).toBeNull();
    expect(countingScore(base, [{ submittedAt: hours(-1), score: null }])).toBeNull();
  });
});

describe("AssignmentPolicySchema", () => {
  it("reads the numeric column as a number and rejects impossible dates", () => {
    expect(AssignmentPolicySchema.parse({ ...penalty, latePenaltyPerDay: "12.50" }).latePenaltyPerDay).toBe(12.5);
    const result = AssignmentPolicySchema.safeParse({ ...base, opensAt: hours(1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["dueAt"]);
    expect(AssignmentPolicySchema.safeParse({ ...penalty, lateCutoffAt: hours(-1) }).error?.issues[0]?.path).toEqual(["lateCutoffAt"]);
  });
});
