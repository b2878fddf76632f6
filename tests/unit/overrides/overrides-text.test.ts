import { describe, expect, it } from "vitest";
import { describeAuditEntry, formatScoreShare } from "@/lib/overrides/audit-text";
import { describeStaffAdjustment } from "@/lib/overrides/staff-adjustments";
import { toFraction } from "@/lib/overrides/staff-overrides";
import { overridesCell, listOverrideNotes } from "@/lib/progress/gradebook-overrides";

describe("a staff score entry as a fraction", () => {
  it("reads percent and points against what the score is out of", () => {
    expect(toFraction({ entry: { kind: "set", value: 90, unit: "percent" }, comment: "" }, 20)).toBe(0.9);
    expect(toFraction({ entry: { kind: "set", value: 18, unit: "points" }, comment: "" }, 20)).toBe(0.9);
    expect(toFraction({ entry: { kind: "remove" }, comment: "" }, 20)).toBeNull();
    expect(toFraction({ entry: { kind: "comment" }, comment: "Nice" }, 20)).toBeUndefined();
  });

  it("refuses a score out of range in the unit typed, a comment alone without a comment, points on what is worth none", () => {
    expect(() => toFraction({ entry: { kind: "set", value: 101, unit: "percent" }, comment: "" }, 20)).toThrow("The score must be from 0 to 100 %.");
    expect(() => toFraction({ entry: { kind: "set", value: 20.5, unit: "points" }, comment: "" }, 20)).toThrow("The score must be from 0 to 20 points.");
    expect(() => toFraction({ entry: { kind: "set", value: -1, unit: "points" }, comment: "" }, 20)).toThrow("The score must be from 0 to 20 points.");
    expect(() => toFraction({ entry: { kind: "comment" }, comment: " " }, 20)).toThrow("Write the comment to save.");
    expect(() => toFraction({ entry: { kind: "set", value: 1, unit: "points" }, comment: "" }, 0)).toThrow("give the score in percent");
  });
});

describe("overrides in words", () => {
  it("words an audit entry: a change, a comment alone, a removed account", () => {
    expect(describeAuditEntry({ actorName: "Ann", previousScore: 0.6, newScore: 0.905, comment: "test 3" })).toBe("Ann: 60 % → 90.5 %: test 3");
    expect(describeAuditEntry({ actorName: "Ann", previousScore: 0.6, newScore: 0.6, comment: "fine" })).toBe("Ann commented (score 60 %): fine");
    expect(describeAuditEntry({ actorName: null, previousScore: null, newScore: 1, comment: "" })).toBe("A former staff member: none → 100 %");
    expect(formatScoreShare(null)).toBe("none");
  });

  it("tells the student what staff did", () => {
    expect(describeStaffAdjustment({ score: 0.9, comment: "Re-marked." })).toBe("Score adjusted by staff: 90 %. Re-marked.");
    expect(describeStaffAdjustment({ score: null, comment: "Good style." })).toBe("Staff comment: Good style.");
    expect(describeStaffAdjustment({ score: 1, comment: "" })).toBe("Score adjusted by staff: 100 %.");
  });

  it("lists a student's set scores for the gradebook CSV, assessments first, in course order", () => {
    const structure = {
      categories: [],
      assessments: [
        { id: "hw", title: "Homework", categoryId: null, position: 0, policy: {} as never, items: [{ assignmentId: "hw-adam", exerciseId: "adam", title: "Adam", points: 10 }] },
        { id: "mid", title: "Midterm", categoryId: null, position: 1, policy: {} as never, items: [{ assignmentId: "mid-relu", exerciseId: "relu", title: "ReLU", points: 8 }, { assignmentId: "mid-x", exerciseId: "x", title: "X", points: 12 }] },
      ],
    };
    const overrides = {
      assessments: new Map([["u", new Map([["mid", { score: 0.9, actorName: "Ann", comment: "oral" }]])]]),
      submissions: [
        { submissionId: "s1", assignmentId: "hw-adam", userId: "u", score: 0.75, actorName: null, comment: "" },
        { submissionId: "s2", assignmentId: "mid-relu", userId: "v", score: 0.5, actorName: "Bo", comment: "c" },
      ],
    };
    const notes = listOverrideNotes({ structure, overrides });
    expect(overridesCell(notes.get("u"))).toBe("Midterm: 18/20 by Ann — oral; Homework › Adam: 7.5/10 by staff");
    expect(overridesCell(notes.get("v"))).toBe("Midterm › ReLU: 4/8 by Bo — c");
    expect(overridesCell(notes.get("w"))).toBe("");
  });
});
