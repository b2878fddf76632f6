import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAssignment } from "../helpers/assignment-rows";
import type { DatabaseHandle } from "@/lib/db/client";
import { exercises } from "@/lib/db/schema";
import { createCourse, findCourseBySlug } from "@/lib/courses/courses";
import {
  createAssignment,
  findAssignmentOfExercise,
  getCourseAssignment,
  listCourseAssignments,
  policyOf,
  updateAssignment,
} from "@/lib/courses/assignments";
import { checkSubmissionWindow } from "@/lib/courses/deadlines";
import { seedDemo } from "@/lib/seed/demo";
import { assignCatalogueToDemoCourse } from "@/lib/seed/demo-assignments";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("assignments on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let courseId: string;
  let otherCourseId: string;
  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    courseId = (await createCourse(handle.db, { slug: "c1", title: "C1" })).id;
    otherCourseId = (await createCourse(handle.db, { slug: "c2", title: "C2" })).id;
    await handle.db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "optimizers", kind: "code", points: 15, difficulty: "medium", currentVersion: "a" },
      { id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "b" },
      { id: "output-activation", title: "Output activation", topic: "activations", kind: "quiz", points: 8, difficulty: "easy", currentVersion: "c" },
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  it("assigns an exercise once per course, with its policy parsed back to numbers and dates", async () => {
    const created = await createAssignment(handle.db, courseId, {
      exerciseId: "adam",
      dueAt: "2026-12-01T12:00:00Z",
      attemptLimit: 5,
      latePolicy: "penalty",
      latePenaltyPerDay: 12.5,
      lateCutoffAt: "2026-12-04T12:00:00Z",
    });
    const policy = policyOf(await readAssignment(handle.db, courseId, created.id));
    expect(policy.latePenaltyPerDay).toBe(12.5);
    expect(created.points).toBe(15); // the exercise's own points
    expect(policy.dueAt?.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    await expect(createAssignment(handle.db, courseId, { exerciseId: "adam" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await listCourseAssignments(handle.db, courseId)).map((row) => row.exercise.id)).toEqual(["adam"]);
    expect((await findAssignmentOfExercise(handle.db, courseId, "adam"))?.assignment.id).toBe(created.id);
    expect(await findAssignmentOfExercise(handle.db, otherCourseId, "adam")).toBeNull();
  });

  it("refuses impossible dates, naming the field", async () => {
    await expect(
      createAssignment(handle.db, courseId, { exerciseId: "batching", opensAt: "2026-12-02T00:00:00Z", dueAt: "2026-12-01T00:00:00Z" }),
    ).rejects.toThrow(/dueAt/);
  });

  it("applies a changed deadline at once, and only within the assignment's own course", async () => {
    const assignment = (await listCourseAssignments(handle.db, courseId))[0]!.assignment;
    const after = new Date("2026-12-02T00:00:00Z");
    expect(checkSubmissionWindow(policyOf(await readAssignment(handle.db, courseId, assignment.id)), after, 0).open).toBe(true);
    await updateAssignment(handle.db, courseId, assignment.id, { dueAt: "2026-12-01T12:00:00Z", latePolicy: "none" });
    const changed = await readAssignment(handle.db, courseId, assignment.id);
    expect(checkSubmissionWindow(policyOf(changed), after, 0)).toMatchObject({ open: false, reason: "closed" });
    // Only the given fields change: the rest keeps what was stored.
    expect(changed).toMatchObject({ attemptLimit: 5, points: 15, latePenaltyPerDay: "12.50" });
    expect(changed.lateCutoffAt?.toISOString()).toBe("2026-12-04T12:00:00.000Z");
    await expect(updateAssignment(handle.db, otherCourseId, assignment.id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCourseAssignment(handle.db, courseId, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives an assignment its exercise's points unless told otherwise, in the demo seed too", async () => {
    expect((await createAssignment(handle.db, otherCourseId, { exerciseId: "output-activation" })).points).toBe(8);
    expect((await createAssignment(handle.db, otherCourseId, { exerciseId: "batching", points: 40 })).points).toBe(40);
    await expect(createAssignment(handle.db, otherCourseId, { exerciseId: "no-such" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await seedDemo(handle.db);
    expect(await assignCatalogueToDemoCourse(handle.db)).toBe(3);
    const demo = await listCourseAssignments(handle.db, (await findCourseBySlug(handle.db, "keras"))!.id);
    expect(Object.fromEntries(demo.map(({ assignment, exercise }) => [exercise.id, assignment.points]))).toEqual({ adam: 15, batching: 10, "output-activation": 8 });
  });
});
