import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments } from "@/lib/db/schema";
import { createCourse } from "@/lib/courses/courses";
import {
  createGradeCategory,
  deleteGradeCategory,
  getGradeCategory,
  listGradeCategories,
  moveGradeCategory,
  reorderGradeCategories,
  setAssessmentCategory,
  updateGradeCategory,
} from "@/lib/courses/grade-categories";
import { testBackends } from "../helpers/test-database";

describe.each(testBackends())("grade categories on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let courseId: string;
  let otherCourseId: string;
  let assessmentId: string;
  let otherAssessmentId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    courseId = (await createCourse(handle.db, { slug: "c1", title: "C1" })).id;
    otherCourseId = (await createCourse(handle.db, { slug: "c2", title: "C2" })).id;
    const insert = async (course: string, title: string) => (await handle.db.insert(assessments).values({ courseId: course, title }).returning({ id: assessments.id }))[0]!.id;
    assessmentId = await insert(courseId, "Homework 1");
    otherAssessmentId = await insert(otherCourseId, "Elsewhere");
  });
  afterAll(async () => {
    await drop?.();
  });

  it("creates categories in order, with weights as numbers", async () => {
    const homework = await createGradeCategory(handle.db, courseId, { name: " Homework ", weight: "40", dropLowest: "1" });
    const quizzes = await createGradeCategory(handle.db, courseId, { name: "Quizzes", weight: 12.5 });
    expect(homework).toMatchObject({ name: "Homework", weight: 40, dropLowest: 1, position: 0, courseId });
    expect(quizzes).toMatchObject({ weight: 12.5, dropLowest: 0, position: 1 });
    expect((await listGradeCategories(handle.db, courseId)).map((c) => c.name)).toEqual(["Homework", "Quizzes"]);
    expect(await listGradeCategories(handle.db, otherCourseId)).toEqual([]);
  });

  it("keeps names unique per course, case aside, with a clear CONFLICT; another course may reuse a name", async () => {
    await expect(createGradeCategory(handle.db, courseId, { name: "homework", weight: 10 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'This course already has a category named "homework".',
    });
    const [, quizzes] = await listGradeCategories(handle.db, courseId);
    await expect(updateGradeCategory(handle.db, courseId, quizzes!.id, { name: "HOMEWORK" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createGradeCategory(handle.db, otherCourseId, { name: "Homework", weight: 10 })).resolves.toMatchObject({ name: "Homework" });
  });

  it("refuses weights outside 0..1000 (or finer than a cent) and drops outside 0..50, naming the field", async () => {
    for (const [input, field] of [
      [{ name: "A", weight: -1 }, "weight"],
      [{ name: "A", weight: 1000.01 }, "weight"],
      [{ name: "A", weight: 1.005 }, "weight"],
      [{ name: "A", weight: "many" }, "weight"],
      [{ name: "A", weight: 1, dropLowest: 51 }, "dropLowest"],
      [{ name: "A", weight: 1, dropLowest: 1.5 }, "dropLowest"],
      [{ name: "  ", weight: 1 }, "name"],
    ] as const) {
      const error = await createGradeCategory(handle.db, courseId, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues.map((issue) => issue.path.join("."))).toEqual([field]);
    }
    await expect(createGradeCategory(handle.db, courseId, { name: "Bounds", weight: 1000, dropLowest: 50 })).resolves.toMatchObject({ weight: 1000, dropLowest: 50 });
  });

  it("updates only the given fields", async () => {
    const [homework] = await listGradeCategories(handle.db, courseId);
    const updated = await updateGradeCategory(handle.db, courseId, homework!.id, { weight: 55.25 });
    expect(updated).toMatchObject({ name: "Homework", weight: 55.25, dropLowest: 1 });
    expect(await updateGradeCategory(handle.db, courseId, homework!.id, {})).toMatchObject({ weight: 55.25 });
    await expect(updateGradeCategory(handle.db, otherCourseId, homework!.id, { weight: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getGradeCategory(handle.db, courseId, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reorders: a full permutation, or one place up and down", async () => {
    const ids = (await listGradeCategories(handle.db, courseId)).map((c) => c.id);
    await reorderGradeCategories(handle.db, courseId, [...ids].reverse());
    expect((await listGradeCategories(handle.db, courseId)).map((c) => c.id)).toEqual([...ids].reverse());
    await expect(reorderGradeCategories(handle.db, courseId, ids.slice(1))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(reorderGradeCategories(handle.db, courseId, [ids[0]!, ids[0]!, ids[1]!])).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await reorderGradeCategories(handle.db, courseId, ids);
    await moveGradeCategory(handle.db, courseId, ids[1]!, "up");
    expect((await listGradeCategories(handle.db, courseId)).map((c) => c.id)).toEqual([ids[1], ids[0], ids[2]]);
    await moveGradeCategory(handle.db, courseId, ids[1]!, "up"); // already first
    await moveGradeCategory(handle.db, courseId, ids[0]!, "down");
    expect((await listGradeCategories(handle.db, courseId)).map((c) => c.id)).toEqual([ids[1], ids[2], ids[0]]);
  });

  it("sets an assessment's category within the course only, and a deleted category leaves its assessments in none", async () => {
    const [first] = await listGradeCategories(handle.db, courseId);
    const [otherCategory] = await listGradeCategories(handle.db, otherCourseId);
    const categoryOf = async (id: string) => (await handle.db.select({ categoryId: assessments.categoryId }).from(assessments).where(eq(assessments.id, id)))[0]!.categoryId;
    await setAssessmentCategory(handle.db, courseId, assessmentId, first!.id);
    expect(await categoryOf(assessmentId)).toBe(first!.id);
    await expect(setAssessmentCategory(handle.db, courseId, assessmentId, otherCategory!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setAssessmentCategory(handle.db, courseId, otherAssessmentId, first!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setAssessmentCategory(handle.db, courseId, "nope", null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await categoryOf(otherAssessmentId)).toBeNull();
    await deleteGradeCategory(handle.db, courseId, first!.id);
    expect(await categoryOf(assessmentId)).toBeNull();
    await expect(deleteGradeCategory(handle.db, courseId, first!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setAssessmentCategory(handle.db, courseId, assessmentId, null);
    expect(await categoryOf(assessmentId)).toBeNull();
  });
});
