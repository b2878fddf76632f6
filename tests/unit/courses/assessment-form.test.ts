import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Assessment } from "@/lib/db/schema";
import { AssessmentFormSchema, assessmentChangesOf, assessmentFormValues, NEW_ASSESSMENT_VALUES, pointsChangesOf } from "@/lib/courses/assessment-form";
import { fieldErrorsOf } from "@/lib/http/field-errors";

const stored: Assessment = {
  id: "00000000-0000-4000-8000-000000000001",
  courseId: "00000000-0000-4000-8000-000000000002",
  title: "Homework 3",
  categoryId: "00000000-0000-4000-8000-000000000003",
  opensAt: new Date("2031-01-06T08:00:00Z"),
  dueAt: new Date("2031-01-10T16:00:00Z"),
  attemptLimit: 3,
  latePolicy: "penalty",
  latePenaltyPerDay: "12.50",
  lateCutoffAt: null,
  explanationRelease: null,
  timeLimitMinutes: 45,
  accessCode: null,
  allowRun: true,
  releasePolicy: "immediately",
  releasedAt: null,
  hiddenTestDetail: "names_and_hints",
  position: 0,
  createdAt: new Date(0),
};

describe("the assessment form", () => {
  it("shows a stored assessment in the course's zone, blanks for none and the default release", () => {
    expect(assessmentFormValues(stored, "Europe/Berlin")).toEqual({
      title: "Homework 3",
      categoryId: stored.categoryId,
      opensAt: "2031-01-06T09:00",
      dueAt: "2031-01-10T17:00",
      attemptLimit: "3",
      latePolicy: "penalty",
      latePenaltyPerDay: "12.5",
      lateCutoffAt: "",
      timeLimitMinutes: "45",
      explanationRelease: "default",
      releasePolicy: "immediately",
      hiddenTestDetail: "names_and_hints",
      allowRun: "true",
      accessCode: "",
    });
  });

  it("turns every field into a change when nothing was shown (a new assessment)", () => {
    const form = AssessmentFormSchema.parse({ ...NEW_ASSESSMENT_VALUES, title: "Quiz 1", dueAt: "2031-01-10T17:00" });
    const { changes, fields } = assessmentChangesOf(form, "Europe/Berlin", null);
    expect(fields).toHaveLength(14);
    expect(changes).toEqual({
      title: "Quiz 1",
      categoryId: null,
      opensAt: null,
      dueAt: new Date("2031-01-10T16:00:00Z"),
      attemptLimit: null,
      latePolicy: "none",
      latePenaltyPerDay: 0,
      lateCutoffAt: null,
      timeLimitMinutes: null,
      explanationRelease: null,
      releasePolicy: "immediately",
      hiddenTestDetail: "names_and_hints",
      allowRun: true,
      accessCode: null,
    });
  });

  it("reads the Run checkbox after its hidden false, trims the access code and names each bad setting", () => {
    const shown = assessmentFormValues(stored, "Europe/Berlin");
    const ticked = AssessmentFormSchema.parse({ ...shown, allowRun: ["false", "true"], accessCode: "  owl-42 " });
    expect(assessmentChangesOf(ticked, "Europe/Berlin", shown)).toEqual({ changes: { accessCode: "owl-42" }, fields: ["accessCode"] });
    const unticked = AssessmentFormSchema.parse({ ...shown, allowRun: "false", releasePolicy: "manual", hiddenTestDetail: "nothing" });
    expect(assessmentChangesOf(unticked, "Europe/Berlin", shown)).toEqual({
      changes: { releasePolicy: "manual", hiddenTestDetail: "nothing", allowRun: false },
      fields: ["releasePolicy", "hiddenTestDetail", "allowRun"],
    });
    // A post without the control (not this form) leaves the setting alone.
    const { allowRun: _allowRun, ...withoutRun } = shown;
    expect(assessmentChangesOf(AssessmentFormSchema.parse(withoutRun), "Europe/Berlin", shown)).toEqual({ changes: {}, fields: [] });
    const bad = AssessmentFormSchema.safeParse({ ...shown, releasePolicy: "later", hiddenTestDetail: "some", accessCode: "x".repeat(65) });
    expect(bad.success).toBe(false);
    expect(fieldErrorsOf(bad.error!)).toEqual({
      releasePolicy: ["must be as soon as graded, after the due date or when you release them"],
      hiddenTestDetail: ["must be names and hints, names only or nothing until release"],
      accessCode: ["must be at most 64 characters"],
    });
  });

  it("keeps only the fields that differ from what the form showed", () => {
    const shown = assessmentFormValues(stored, "Europe/Berlin");
    const form = AssessmentFormSchema.parse({ ...shown, latePenaltyPerDay: "12.50", attemptLimit: "03", explanationRelease: "after_close", timeLimitMinutes: "" });
    expect(assessmentChangesOf(form, "Europe/Berlin", shown)).toEqual({
      changes: { timeLimitMinutes: null, explanationRelease: "after_close" },
      fields: ["timeLimitMinutes", "explanationRelease"],
    });
  });

  it("reads a date that does not exist in the course's zone as that field's error", () => {
    const form = AssessmentFormSchema.parse({ ...NEW_ASSESSMENT_VALUES, title: "Spring", dueAt: "2031-03-30T02:30" });
    let error: unknown;
    try {
      assessmentChangesOf(form, "Europe/Berlin", null);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(z.ZodError);
    expect(Object.keys(fieldErrorsOf(error as z.ZodError))).toEqual(["dueAt"]);
  });

  it("parses changed points controls only, and names a bad one by its own control", () => {
    const shown = { "points.a": "10", "points.b": "5" };
    expect(pointsChangesOf({ "points.a": "10", "points.b": " 7 ", title: "x" }, shown)).toEqual(new Map([["b", 7]]));
    expect(pointsChangesOf({ "points.a": "10" }, null)).toEqual(new Map([["a", 10]]));
    let error: unknown;
    try {
      pointsChangesOf({ "points.a": "1.5", "points.b": "" }, shown);
    } catch (caught) {
      error = caught;
    }
    expect(fieldErrorsOf(error as z.ZodError)).toEqual({ "points.a": ["must be a whole number"], "points.b": ["must be a number"] });
  });
});
