import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { exercises, submissions, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssignment } from "@/lib/courses/assignments";
import { listGradeCategories } from "@/lib/courses/grade-categories";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { createUser } from "@/lib/users/users";
import { createGradingHandlers } from "@/app/courses/[slug]/manage/grading/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

const as = (user: User) => createGradingHandlers({ requireUser: async () => user, logError: vi.fn() });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe.each(testBackends())("grading server actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User;
  let courseId: string;
  const assessment: Record<string, string> = {};

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    courseId = (await createCourse(db, { slug: "nn", title: "Neural networks" })).id;
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach" });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant" });
    student = await createUser(db, { email: "learn@example.org", name: "Learn" });
    await enrolUser(db, courseId, instructor.id, "instructor");
    await enrolUser(db, courseId, ta.id, "ta");
    await enrolUser(db, courseId, student.id, "student");
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "t", kind: "code", points: 10, difficulty: "easy", currentVersion: "v1" },
      { id: "relu", title: "ReLU", topic: "t", kind: "code", points: 10, difficulty: "easy", currentVersion: "v1" },
    ]);
    for (const [exerciseId, score] of [["adam", 1], ["relu", 0.5]] as const) {
      const created = await createAssignment(db, courseId, { exerciseId });
      assessment[exerciseId] = created.assessmentId;
      await db.insert(submissions).values({ userId: student.id, assignmentId: created.id, exerciseId, exerciseVersion: "v1", mode: "submit", code: "//", variantSeed: 1, status: "graded", verdict: "graded", score });
    }
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  const percent = async () => (await getStudentCourseGrade(handle.db, { id: courseId }, student.id)).grade.percent;

  it("lets the instructor build categories whose weights the student's grade follows at once", async () => {
    expect(await percent()).toBe(75); // no categories: 15 of 20 points
    const create = (name: string, weight: string) => as(instructor).createCategory(form({ slug: "nn", name, weight, dropLowest: "0" }));
    expect(await create("Homework", "30")).toEqual({ ok: true, data: { message: 'Category "Homework" added.' } });
    expect(await create("Quizzes", "10")).toMatchObject({ ok: true });
    const [homework, quizzes] = await listGradeCategories(handle.db, courseId);
    const put = (exerciseId: string, categoryId: string) => as(instructor).setAssessmentCategory(form({ slug: "nn", assessmentId: assessment[exerciseId]!, categoryId }));
    expect(await put("adam", homework!.id)).toEqual({ ok: true, data: { message: "Category changed." } });
    expect(await put("relu", quizzes!.id)).toMatchObject({ ok: true });
    expect(await percent()).toBe(87.5); // (30 × 100 + 10 × 50) / 40
    expect(await as(instructor).updateCategory(form({ slug: "nn", categoryId: quizzes!.id, name: "Quizzes", weight: "30", dropLowest: "0" }))).toMatchObject({ ok: true });
    expect(await percent()).toBe(75);
    expect(await put("relu", "")).toEqual({ ok: true, data: { message: "Now in no category." } });
    expect(await percent()).toBe(100);
  });

  it("answers a taken name with a conflict, and bad fields with every field's error", async () => {
    const taken = await as(instructor).createCategory(form({ slug: "nn", name: "homework", weight: "5", dropLowest: "0" }));
    // The refusal carries what was typed, which the form shows again (React resets a form after its action).
    expect(taken).toEqual({
      ok: false,
      code: "CONFLICT",
      error: 'This course already has a category named "homework".',
      values: { slug: "nn", name: "homework", weight: "5", dropLowest: "0" },
    });
    const bad = await as(instructor).createCategory(form({ slug: "nn", name: "", weight: "2000", dropLowest: "-1" }));
    expect(bad).toMatchObject({ ok: false, code: "INVALID_INPUT", values: { name: "", weight: "2000", dropLowest: "-1" } });
    // So does a refused save of a row: the row keeps the typed name, not the saved one.
    const [homework, quizzes] = await listGradeCategories(handle.db, courseId);
    const clash = await as(instructor).updateCategory(form({ slug: "nn", categoryId: quizzes!.id, name: homework!.name, weight: "12.5", dropLowest: "1" }));
    expect(clash).toMatchObject({ ok: false, code: "CONFLICT", values: { categoryId: quizzes!.id, name: homework!.name, weight: "12.5", dropLowest: "1" } });
    // A success carries none.
    expect(await as(instructor).updateCategory(form({ slug: "nn", categoryId: quizzes!.id, name: "Quizzes", weight: "30", dropLowest: "0" }))).not.toHaveProperty("values");
    expect(Object.keys((bad as { fieldErrors: Record<string, string[]> }).fieldErrors).sort()).toEqual(["dropLowest", "name", "weight"]);
  });

  it("moves and removes categories; a removed category's assessments are in none", async () => {
    const [homework, quizzes] = await listGradeCategories(handle.db, courseId);
    expect(await as(instructor).moveCategory(form({ slug: "nn", categoryId: quizzes!.id, direction: "up" }))).toMatchObject({ ok: true });
    expect((await listGradeCategories(handle.db, courseId)).map((c) => c.name)).toEqual(["Quizzes", "Homework"]);
    expect(await as(instructor).deleteCategory(form({ slug: "nn", categoryId: homework!.id }))).toMatchObject({ ok: true });
    // Adam is in no category now, and Quizzes holds nothing: no grade at all.
    expect(await percent()).toBeNull();
  });

  it("refuses TAs and students with not-found, changing nothing", async () => {
    const before = await listGradeCategories(handle.db, courseId);
    for (const user of [ta, student]) {
      expect(await as(user).createCategory(form({ slug: "nn", name: "Sneaky", weight: "1", dropLowest: "0" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await as(user).updateCategory(form({ slug: "nn", categoryId: before[0]!.id, name: "Sneaky", weight: "1", dropLowest: "0" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await listGradeCategories(handle.db, courseId)).toEqual(before);
  });
});
