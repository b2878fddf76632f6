import { describe, expect, it } from "vitest";
import type { ClassMatrix, MatrixCell } from "@/lib/progress/class-matrix";
import { gradeStudent, type GradeStructure } from "@/lib/progress/course-grades";
import { buildGradebook, exerciseColumns } from "@/lib/progress/gradebook";
import type { CourseScope } from "@/lib/progress/scope";

const NOW = new Date("2026-04-01T00:00:00Z");
const policy = (dueAt: Date | null) => ({ opensAt: null, dueAt, attemptLimit: null, latePolicy: "none" as const, latePenaltyPerDay: 0, lateCutoffAt: null, lateWaived: false });

const structure: GradeStructure = {
  categories: [{ id: "hw", courseId: "c", name: "Homework", weight: 100, dropLowest: 1, position: 0, createdAt: NOW }],
  assessments: [
    { id: "h1", title: "Homework 1", categoryId: "hw", position: 0, policy: policy(new Date("2026-03-01T00:00:00Z")), items: [{ assignmentId: "h1-adam", exerciseId: "adam", title: "Adam", points: 10 }, { assignmentId: "h1-relu", exerciseId: "relu", title: "ReLU", points: 10 }] },
    { id: "h2", title: "Homework 2", categoryId: "hw", position: 1, policy: policy(new Date("2026-05-01T00:00:00Z")), items: [{ assignmentId: "h2-adam", exerciseId: "adam", title: "Adam", points: 5 }] },
    { id: "p", title: "Practice", categoryId: null, position: 2, policy: policy(null), items: [{ assignmentId: "p-softmax", exerciseId: "softmax", title: "Softmax", points: 4 }] },
  ],
};

const cell = (score: number, points: number): MatrixCell => ({
  attempts: 1,
  score,
  points: Math.round(score * points * 100) / 100,
  status: score === 1 ? "solved" : "attempted",
  firstSubmittedAt: NOW,
  lastSubmittedAt: NOW,
  firstFullMarksAt: null,
});

describe("the gradebook rows", () => {
  it("names an exercise's column by its assessment only when it sits in several", () => {
    expect(exerciseColumns(structure).map((column) => column.header)).toEqual(["Homework 1: adam (10)", "relu (10)", "Homework 2: adam (5)", "softmax (4)"]);
  });

  it("writes the course grade, categories, assessments, exercises and drops of each student, as gradeStudent computes them", () => {
    const students = [
      { id: "ann", email: "ann@x.test", name: "Ann" },
      { id: "bob", email: "bob@x.test", name: "Bob" },
    ];
    const matrix: ClassMatrix = new Map([
      ["h1-adam", new Map([["ann", cell(1, 10)], ["bob", cell(0.5, 10)]])],
      ["h1-relu", new Map([["ann", cell(0.5, 10)]])],
      ["h2-adam", new Map([["ann", cell(0.2, 5)]])],
      ["p-softmax", new Map([["bob", cell(1, 4)]])],
    ]);
    // Bob has a one-month extension on Homework 1: it is not due for him, and his Submit makes it count all the same.
    const accommodations = new Map([["bob", new Map([["h1", { dueAt: new Date("2026-04-15T00:00:00Z"), extraAttempts: 0, waiveLatePenalty: false, timeMultiplier: null }]])]]);
    const scope = { course: { id: "c", slug: "c", title: "C", timeZone: "UTC" }, students, assignments: [], accommodations } as CourseScope;
    const grades = new Map(
      students.map((student) => {
        const scores = new Map([...matrix].map(([assignmentId, cells]) => [assignmentId, cells.get(student.id)?.score ?? null]));
        return [student.id, gradeStudent(structure, scores, accommodations.get(student.id), NOW)];
      }),
    );
    const rows = buildGradebook({ scope, structure, matrix, grades, overrides: { assessments: new Map(), submissions: [] } });
    expect(rows[0]).toEqual([
      "email",
      "name",
      "course grade (%)",
      "Homework (category %)",
      "Homework 1 (points of 20)",
      "Homework 1 (%)",
      "Homework 2 (points of 5)",
      "Homework 2 (%)",
      "Practice (points of 4)",
      "Practice (%)",
      "Homework 1: adam (10)",
      "relu (10)",
      "Homework 2: adam (5)",
      "softmax (4)",
      "dropped",
      "overrides",
    ]);
    // Ann: H1 15/20 = 75 %, H2 1/5 = 20 % (graded, so counted though not due): H2 dropped; Practice has no graded Submit.
    expect(rows[1]).toEqual(["ann@x.test", "Ann", 75, 75, 15, 75, 1, 20, null, null, 10, 5, 1, null, "Homework 2", ""]);
    // Bob: H1 5/20; H2 not due and not tried; Practice graded but in no category.
    expect(rows[2]).toEqual(["bob@x.test", "Bob", 25, 25, 5, 25, null, null, 4, 100, 5, null, null, 4, "", ""]);
    expect(grades.get("bob")!.assessments.find((entry) => entry.assessmentId === "h1")!.dueAt).toEqual(new Date("2026-04-15T00:00:00Z"));
  });
});
