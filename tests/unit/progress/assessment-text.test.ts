import { describe, expect, it } from "vitest";
import { assessmentProgressText, assessmentRulesText, assessmentStateText, releaseRule } from "@/lib/progress/assessment-text";

const now = new Date("2026-12-04T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const rules = {
  opensAt: null,
  dueAt: days(-1),
  attemptLimit: 3,
  latePolicy: "penalty" as const,
  latePenaltyPerDay: 20,
  lateCutoffAt: days(5),
  lateWaived: false,
  timeLimitMinutes: null,
};

describe("an assessment's rules in words", () => {
  it("says when, how often, what lateness costs and what counts", () => {
    expect(assessmentRulesText(rules, "UTC")).toEqual([
      "Open from the start.",
      "Due Thu, 3 Dec 2026, 12:00 UTC.",
      "3 attempts per exercise.",
      "Late work loses 20 % per started day until Wed, 9 Dec 2026, 12:00 UTC.",
      "Each exercise counts its best attempt, after any late penalty.",
    ]);
  });

  it("names a waiver, a policy without late work, unlimited attempts and a time limit", () => {
    expect(assessmentRulesText({ ...rules, lateWaived: true, lateCutoffAt: null }, "UTC")).toContain("Late work is accepted without penalty.");
    const strict = assessmentRulesText({ ...rules, latePolicy: "none", attemptLimit: null, timeLimitMinutes: 90 }, "UTC");
    expect(strict).toContain("No submissions after the due date.");
    expect(strict).toContain("Unlimited attempts per exercise.");
    expect(strict).toContain("Time limit: 90 minutes once started.");
    expect(assessmentRulesText({ ...rules, dueAt: null }, "UTC")).toEqual(["Open from the start.", "No due date.", "3 attempts per exercise.", "Each exercise counts its best attempt, after any late penalty."]);
  });

  it("states where the assessment stands now, in the course's zone", () => {
    expect(assessmentStateText({ ...rules, state: "late" }, "Europe/Berlin", now)).toBe("Past due — late work loses 20 % per started day until Wed, 9 Dec 2026, 13:00 CET");
    expect(assessmentStateText({ ...rules, state: "late", lateWaived: true }, "UTC", now)).toBe("Past due — late work accepted without penalty until Wed, 9 Dec 2026, 12:00 UTC");
    expect(assessmentStateText({ ...rules, state: "closed" }, "UTC", now)).toBe("Past due — closed");
    expect(assessmentStateText({ ...rules, state: "not_open", opensAt: days(2) }, "UTC", now)).toBe("Opens Sun, 6 Dec 2026, 12:00 UTC (in 2 days)");
  });

  it("counts progress in exercises and points, points to the cent", () => {
    expect(assessmentProgressText({ solved: 1, attempted: 1, total: 3, earned: 12.5, possible: 40 })).toBe("1 of 3 exercises solved · 12.5 of 40 points");
    expect(assessmentProgressText({ solved: 0, attempted: 0, total: 1, earned: 0, possible: 1 })).toBe("0 of 1 exercise solved · 0 of 1 point");
    expect(assessmentProgressText({ solved: 1, attempted: 1, total: 2, earned: 18, possible: 20, overridden: true })).toBe("1 of 2 exercises solved · 18 of 20 points, set by staff");
    // Held back, a staff score says nothing either.
    expect(assessmentProgressText({ solved: 0, attempted: 0, submitted: 2, total: 2, earned: 0, possible: 20, held: true, overridden: true })).toBe("Scores not released yet · 2 of 2 exercises submitted");
  });
});

describe("an assessment's exam rules and release in words", () => {
  it("says when scores come, that Run is off and that a code is needed, never the code", () => {
    const exam = assessmentRulesText({ ...rules, releasePolicy: "manual", allowRun: false, accessCodeRequired: true }, "UTC");
    expect(exam).toContain("Scores and feedback are shown when your instructor releases them.");
    expect(exam).toContain("Run is turned off: Submit is the only way to test your code.");
    expect(exam).toContain("You need an access code from your instructor to start.");
    expect(assessmentRulesText({ ...rules, releasePolicy: "after_due" }, "UTC")).toContain("Scores and feedback are shown after your due date.");
    // The usual settings add nothing.
    expect(assessmentRulesText({ ...rules, releasePolicy: "immediately", allowRun: true, accessCodeRequired: false }, "UTC")).toEqual(assessmentRulesText(rules, "UTC"));
    expect(releaseRule("immediately")).toBe("Scores and feedback are shown as soon as each Submit is graded.");
  });

  it("counts submitted exercises, not points, while scores are held back", () => {
    expect(assessmentProgressText({ solved: 0, attempted: 0, submitted: 2, total: 3, earned: 0, possible: 30, held: true })).toBe("Scores not released yet · 2 of 3 exercises submitted");
  });
});
