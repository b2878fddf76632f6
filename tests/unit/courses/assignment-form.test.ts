import { describe, expect, it } from "vitest";
import { assignmentFormValues, changedFormFields, parseShownValues, type AssignmentFormValues } from "@/lib/courses/assignment-form";
import type { AssignmentFormSource } from "@/lib/courses/assignment-form";

const row = {
  opensAt: new Date("2026-03-20T08:00:42.5Z"),
  dueAt: new Date("2026-03-30T15:00:00Z"),
  attemptLimit: null,
  points: 15,
  latePolicy: "penalty",
  latePenaltyPerDay: "12.50",
  lateCutoffAt: null,
} satisfies AssignmentFormSource;

describe("the assignment form's values", () => {
  it("shows a row in the course's zone, numbers as people write them and blanks for none", () => {
    expect(assignmentFormValues(row, "Europe/Berlin")).toEqual({
      opensAt: "2026-03-20T09:00",
      dueAt: "2026-03-30T17:00",
      attemptLimit: "",
      points: "15",
      latePolicy: "penalty",
      latePenaltyPerDay: "12.5",
      lateCutoffAt: "",
    });
  });

  it("finds the fields whose submitted value differs from the shown one, comparing parsed numbers by value", () => {
    const shown: AssignmentFormValues = assignmentFormValues(row, "UTC");
    expect(changedFormFields(shown, { ...shown, attemptLimit: null, points: 15, latePenaltyPerDay: 12.5 })).toEqual([]);
    expect(changedFormFields(shown, { ...shown, latePolicy: "none", points: 20 })).toEqual(["points", "latePolicy"]);
    expect(changedFormFields(shown, { ...shown, opensAt: "2026-03-20T08:01" })).toEqual(["opensAt"]);
    // Nothing known about what was shown: every submitted field counts.
    expect(changedFormFields(null, { points: 15, dueAt: "" })).toEqual(["dueAt", "points"]);
  });

  it("reads the hidden record of shown values, or nothing from a malformed one", () => {
    expect(parseShownValues('{"points":"15"}')).toEqual({ points: "15" });
    for (const raw of [undefined, "", "not json", "[1]", "null", "3"]) expect(parseShownValues(raw)).toBeNull();
  });
});
