import { describe, expect, it } from "vitest";
import { groupByAssessment, summarizeAssessmentProgress } from "@/lib/progress/assessment-progress";
import type { ClassMatrix, MatrixCell } from "@/lib/progress/class-matrix";
import type { ScopeAssignment } from "@/lib/progress/scope";

const policy = { opensAt: null, dueAt: null, attemptLimit: null, latePolicy: "none", latePenaltyPerDay: 0, lateCutoffAt: null, lateWaived: false } as const;
const item = (id: string, assessmentId: string, points: number): ScopeAssignment => ({
  id,
  assessmentId,
  assessmentTitle: `Set ${assessmentId}`,
  exerciseId: `exercise-${id}`,
  title: `Exercise ${id}`,
  topic: "Optimizers",
  points,
  policy,
});
const cell = (score: number | null): MatrixCell => ({
  attempts: 1,
  score,
  points: null,
  status: score === 1 ? "solved" : "attempted",
  firstSubmittedAt: new Date(0),
  lastSubmittedAt: new Date(0),
  firstFullMarksAt: null,
});

const assignments = [item("a1", "A", 10), item("a2", "A", 5), item("a3", "A", 5), item("b1", "B", 20)];
const students = ["ann", "ben", "cy", "dee"].map((id) => ({ id, email: `${id}@example.org`, name: id }));

describe("progress by assessment", () => {
  it("groups the scope's exercises under their assessments, in order", () => {
    expect(groupByAssessment({ assignments }).map(({ assessmentId, title, assignments: items }) => [assessmentId, title, items.map((entry) => entry.id)])).toEqual([
      ["A", "Set A", ["a1", "a2", "a3"]],
      ["B", "Set B", ["b1"]],
    ]);
  });

  it("counts a student done with a Submit on every exercise (whatever the score), started with some, not started with none", () => {
    const matrix: ClassMatrix = new Map([
      // ann: all three of A (one not graded yet); ben: two of A; cy: B only; dee: nothing.
      ["a1", new Map([["ann", cell(1)], ["ben", cell(0.2)]])],
      ["a2", new Map([["ann", cell(0)], ["ben", cell(1)]])],
      ["a3", new Map([["ann", cell(null)]])],
      ["b1", new Map([["cy", cell(0.5)]])],
    ]);
    expect(summarizeAssessmentProgress({ assignments, students }, matrix)).toEqual([
      { assessmentId: "A", title: "Set A", exercises: 3, points: 20, students: 4, done: 1, started: 1, notStarted: 2 },
      { assessmentId: "B", title: "Set B", exercises: 1, points: 20, students: 4, done: 1, started: 0, notStarted: 3 },
    ]);
  });

  it("has nobody done in a class without students", () => {
    expect(summarizeAssessmentProgress({ assignments, students: [] }, new Map())[0]).toMatchObject({ done: 0, started: 0, notStarted: 0 });
  });
});
