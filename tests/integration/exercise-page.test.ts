import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodations, submissions, testResults, type User } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { lateRule } from "@/lib/progress/assessment-text";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const T0 = new Date("2026-12-01T12:00:00Z");
const MINUTE = 60_000;

describe.each(testBackends())("the exercise page's attempts on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let student: User;
  let assignmentId: string;

  const graded = (mode: "run" | "submit", score: number, at: Date) => ({
    userId: student.id,
    assignmentId,
    exerciseId: "batching",
    exerciseVersion: "v",
    variantSeed: 1,
    mode,
    code: `// ${mode} scoring ${score}`,
    status: "graded" as const,
    verdict: "graded",
    score,
    createdAt: at,
    gradedAt: at,
  });

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    student = await createUser(handle.db, { email: "s@example.org", name: "S" });
    await enrolUser(handle.db, course.id, student.id, "student");
    assignmentId = (await createAssignment(handle.db, course.id, { exerciseId: "batching", attemptLimit: 5 })).id;
  });
  afterAll(async () => {
    await drop?.();
  });

  it("counts every Submit and its best score, with each attempt's feedback, however many Runs came after", async () => {
    const [best] = await handle.db.insert(submissions).values(graded("submit", 1, T0)).returning();
    await handle.db.insert(testResults).values([
      { submissionId: best!.id, position: 0, name: "example: stepsPerEpoch(10, 3)", hidden: false, passed: true, message: "" },
      { submissionId: best!.id, position: 1, name: "a smaller last batch", hidden: true, passed: true, message: "" },
    ]);
    const [worse] = await handle.db.insert(submissions).values(graded("submit", 0.5, new Date(T0.getTime() + MINUTE))).returning();
    await handle.db
      .insert(testResults)
      .values([{ submissionId: worse!.id, position: 0, name: "a smaller last batch", hidden: true, passed: false, message: "threw TypeError (line 3, column 9)" }]);
    // More Runs than the history shows rows: they must not push the attempts out of it.
    await handle.db.insert(submissions).values(Array.from({ length: 60 }, (_, i) => graded("run", 0, new Date(T0.getTime() + (2 + i) * MINUTE))));

    const page = await getExercisePageData(handle.db, student, "course", "batching", new Date(T0.getTime() + 90 * MINUTE));
    expect(page.attemptsUsed).toBe(2);
    expect(page.countingScore).toBe(1);
    expect(page.history.map((attempt) => [attempt.score, attempt.code])).toEqual([
      [0.5, "// submit scoring 0.5"],
      [1, "// submit scoring 1"],
    ]);
    expect(page.history[0]!.tests).toEqual([{ name: "a smaller last batch", passed: false, message: "threw TypeError (line 3, column 9)", hidden: true }]);
    expect(page.history[1]!.tests.map((test) => test.name)).toEqual(["example: stepsPerEpoch(10, 3)", "a smaller last batch"]);
  });
});

describe.each(testBackends())("the exercise page's rules for an accommodated student on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  const students: Record<"plain" | "waived" | "extended", User> = {} as never;
  const DAY = 24 * 60 * MINUTE;
  const due = new Date(T0.getTime() - DAY);
  const ZONE = "UTC";

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    for (const name of ["plain", "waived", "extended"] as const) {
      students[name] = await createUser(handle.db, { email: `${name}@example.org`, name });
      await enrolUser(handle.db, course.id, students[name].id, "student");
    }
    // Due yesterday; no late work at all for the class.
    const assessmentId = (await createAssignment(handle.db, course.id, { exerciseId: "batching", dueAt: due, latePolicy: "none", attemptLimit: 2 })).assessmentId;
    await handle.db.insert(accommodations).values([
      { courseId: course.id, userId: students.waived.id, assessmentId, waiveLatePenalty: true },
      { courseId: course.id, userId: students.extended.id, assessmentId, dueAt: new Date(T0.getTime() + 2 * DAY), extraAttempts: 1 },
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  it("a student without an accommodation reads that late work is not taken", async () => {
    const page = await getExercisePageData(handle.db, students.plain, "course", "batching", T0);
    expect(page).toMatchObject({ dueAt: due, courseDueAt: due, extended: false, lateWaived: false, latePolicy: "none", attemptLimit: 2 });
    expect(lateRule(page, ZONE)).toBe("No submissions after the due date.");
    expect(page.window.open).toBe(false);
  });

  it("a waived student reads that their late work is taken without penalty, not 'no late submissions'", async () => {
    const page = await getExercisePageData(handle.db, students.waived, "course", "batching", T0);
    expect(page).toMatchObject({ dueAt: due, extended: false, lateWaived: true, lateCutoffAt: null });
    expect(lateRule(page, ZONE)).toBe("Late work is accepted without penalty.");
    expect(page.window).toMatchObject({ open: true, late: true });
  });

  it("an extended student sees their own due date marked as extended, with the course's for comparison", async () => {
    const page = await getExercisePageData(handle.db, students.extended, "course", "batching", T0);
    expect(page).toMatchObject({ dueAt: new Date(T0.getTime() + 2 * DAY), courseDueAt: due, extended: true, lateWaived: false, attemptLimit: 3 });
    expect(page.window).toMatchObject({ open: true, late: false });
  });
});
