import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments, assignments, exercises, gradeCategories, submissions, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getCourseAssessment, listCourseAssessments } from "@/lib/courses/assessments";
import { getAssessmentBuilder } from "@/lib/courses/assessment-builder";
import { assessmentFormValues, POINTS_PREFIX } from "@/lib/courses/assessment-form";
import { createUser } from "@/lib/users/users";
import { createAssessmentHandlers } from "@/app/courses/[slug]/manage/assessments/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

const as = (user: User) => createAssessmentHandlers({ requireUser: async () => user, logError: vi.fn() });

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const entry of [value].flat()) data.append(key, entry);
  return data;
}

/** The new-assessment form as a person fills it (the course is in Europe/Berlin: CET in January). */
const NEW_FORM = {
  slug: "nn",
  title: "Homework 3: optimizers",
  categoryId: "",
  opensAt: "2031-01-06T09:00",
  dueAt: "2031-01-10T17:00",
  attemptLimit: "3",
  latePolicy: "penalty",
  latePenaltyPerDay: "10",
  lateCutoffAt: "2031-01-13T17:00",
  timeLimitMinutes: "",
  explanationRelease: "default",
  releasePolicy: "immediately",
  hiddenTestDetail: "names_and_hints",
  allowRun: "true",
  accessCode: "",
};

describe.each(testBackends())("assessment builder actions on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User, outsider: User;
  let courseId: string;
  let homeworkId: string;
  let categoryId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    const course = await createCourse(db, { slug: "nn", title: "Neural networks", timeZone: "Europe/Berlin" });
    courseId = course.id;
    const other = await createCourse(db, { slug: "other", title: "Other course" });
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach" });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant" });
    student = await createUser(db, { email: "learn@example.org", name: "Learn" });
    outsider = await createUser(db, { email: "elsewhere@example.org", name: "Elsewhere" });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await enrolUser(db, course.id, student.id, "student");
    await enrolUser(db, other.id, outsider.id, "instructor");
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "momentum", title: "Momentum", topic: "Optimizers", kind: "code", points: 8, difficulty: "easy", currentVersion: "b" },
      { id: "softmax", title: "Softmax", topic: "Activation functions", kind: "code", points: 7, difficulty: "easy", currentVersion: "c" },
    ]);
    const [category] = await db.insert(gradeCategories).values({ courseId: course.id, name: "Homework", weight: "40" }).returning();
    categoryId = category!.id;
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  it("creates an assessment from the form, its dates read in the course's time zone", async () => {
    const result = await as(instructor).createAssessment(form({ ...NEW_FORM, categoryId }));
    expect(result).toMatchObject({ ok: true, data: { slug: "nn" } });
    homeworkId = (result as { data: { assessmentId: string } }).data.assessmentId;
    const saved = await getCourseAssessment(handle.db, courseId, homeworkId);
    expect(saved).toMatchObject({ title: "Homework 3: optimizers", categoryId, attemptLimit: 3, latePolicy: "penalty", timeLimitMinutes: null, explanationRelease: null });
    expect(saved.dueAt?.toISOString()).toBe("2031-01-10T16:00:00.000Z");
    // The form shows exactly what was typed.
    expect(assessmentFormValues(saved, "Europe/Berlin")).toEqual({ ...withoutSlug(), categoryId });
  });

  it("refuses a due date before the opening, and names the field", async () => {
    const result = await as(instructor).createAssessment(form({ ...NEW_FORM, title: "Backwards", dueAt: "2031-01-05T09:00" }));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { dueAt: ["must not be earlier than Opens"] } });
    const empty = await as(instructor).createAssessment(form({ ...NEW_FORM, title: "  ", timeLimitMinutes: "0" }));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { title: ["must not be empty"], timeLimitMinutes: ["must be at least 1"] } });
    expect((await listCourseAssessments(handle.db, courseId)).map(({ assessment }) => assessment.title)).toEqual(["Homework 3: optimizers"]);
  });

  it("adds exercises at the end, each once, worth their own points", async () => {
    for (const exerciseId of ["adam", "momentum", "softmax"]) {
      const result = await as(instructor).addExercise(form({ slug: "nn", assessmentId: homeworkId, exerciseId }));
      expect(result).toMatchObject({ ok: true });
    }
    expect(await as(instructor).addExercise(form({ slug: "nn", assessmentId: homeworkId, exerciseId: "softmax" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    const { items } = await getAssessmentBuilder(handle.db, courseId, homeworkId);
    expect(items.map((item) => [item.exercise.id, item.assignment.points])).toEqual([
      ["adam", 10],
      ["momentum", 8],
      ["softmax", 7],
    ]);
  });

  it("saves only what changed (title, rules, one exercise's points), and a reload shows exactly that", async () => {
    const db = handle.db;
    const before = await getAssessmentBuilder(db, courseId, homeworkId);
    const shownPoints = Object.fromEntries(before.items.map((item) => [`${POINTS_PREFIX}${item.assignment.id}`, String(item.assignment.points)]));
    const shownValues = { ...assessmentFormValues(before.assessment, "Europe/Berlin"), ...shownPoints };
    const momentum = before.items.find((item) => item.exercise.id === "momentum")!;
    const typed = {
      ...shownValues,
      title: "Homework 3: optimisers",
      timeLimitMinutes: "90",
      explanationRelease: "after_close",
      [`${POINTS_PREFIX}${momentum.assignment.id}`]: "12",
    };
    const result = await as(instructor).updateAssessment(form({ slug: "nn", assessmentId: homeworkId, shown: JSON.stringify(shownValues), ...typed }));
    expect(result).toEqual({ ok: true, data: { message: "Saved Title, Time limit (minutes), Quiz explanations, Points of Momentum." } });
    const after = await getAssessmentBuilder(db, courseId, homeworkId);
    const reloaded = { ...assessmentFormValues(after.assessment, "Europe/Berlin"), ...Object.fromEntries(after.items.map((item) => [`${POINTS_PREFIX}${item.assignment.id}`, String(item.assignment.points)])) };
    expect(reloaded).toEqual(typed);

    // Saving the same again changes nothing.
    const again = await as(instructor).updateAssessment(form({ slug: "nn", assessmentId: homeworkId, shown: JSON.stringify(reloaded), ...reloaded }));
    expect(again).toEqual({ ok: true, data: { message: "Nothing to save: no field was changed." } });
  });

  it("refuses bad points and a cut-off before the due date per field, saving nothing", async () => {
    const before = await getAssessmentBuilder(handle.db, courseId, homeworkId);
    const values = assessmentFormValues(before.assessment, "Europe/Berlin");
    const adam = before.items[0]!;
    const result = await as(instructor).updateAssessment(
      form({ slug: "nn", assessmentId: homeworkId, shown: JSON.stringify(values), ...values, lateCutoffAt: "2031-01-09T09:00", [`${POINTS_PREFIX}${adam.assignment.id}`]: "-1" }),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { [`${POINTS_PREFIX}${adam.assignment.id}`]: ["must not be negative"] } });
    const cutoff = await as(instructor).updateAssessment(form({ slug: "nn", assessmentId: homeworkId, shown: JSON.stringify(values), ...values, lateCutoffAt: "2031-01-09T09:00" }));
    expect(cutoff).toMatchObject({ ok: false, fieldErrors: { lateCutoffAt: ["must not be earlier than Due"] } });
    expect(await getAssessmentBuilder(handle.db, courseId, homeworkId)).toEqual(before);
  });

  it("refuses points of an exercise of another assessment", async () => {
    const other = await as(instructor).createAssessment(form({ ...NEW_FORM, title: "Quiz 1", opensAt: "", dueAt: "", lateCutoffAt: "", latePolicy: "none" }));
    const otherId = (other as { data: { assessmentId: string } }).data.assessmentId;
    await as(instructor).addExercise(form({ slug: "nn", assessmentId: otherId, exerciseId: "adam" }));
    const foreign = (await getAssessmentBuilder(handle.db, courseId, otherId)).items[0]!;
    const values = assessmentFormValues((await getAssessmentBuilder(handle.db, courseId, homeworkId)).assessment, "Europe/Berlin");
    const result = await as(instructor).updateAssessment(form({ slug: "nn", assessmentId: homeworkId, ...values, [`${POINTS_PREFIX}${foreign.assignment.id}`]: "99" }));
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await getAssessmentBuilder(handle.db, courseId, otherId)).items[0]!.assignment.points).toBe(10);
  });

  it("reorders the exercises and the assessments; an order that leaves one out is refused", async () => {
    const { items } = await getAssessmentBuilder(handle.db, courseId, homeworkId);
    const [adam, momentum, softmax] = items.map((item) => item.assignment.id) as [string, string, string];
    expect(await as(instructor).reorderItems(form({ slug: "nn", assessmentId: homeworkId, ids: [momentum, softmax, adam] }))).toMatchObject({ ok: true });
    expect((await getAssessmentBuilder(handle.db, courseId, homeworkId)).items.map((item) => item.exercise.id)).toEqual(["momentum", "softmax", "adam"]);
    expect(await as(instructor).reorderItems(form({ slug: "nn", assessmentId: homeworkId, ids: [momentum, adam] }))).toMatchObject({ ok: false, code: "CONFLICT" });

    const order = (await listCourseAssessments(handle.db, courseId)).map(({ assessment }) => assessment.id);
    expect(await as(instructor).reorderAssessments(form({ slug: "nn", ids: [...order].reverse() }))).toMatchObject({ ok: true });
    expect((await listCourseAssessments(handle.db, courseId)).map(({ assessment }) => assessment.id)).toEqual([...order].reverse());
    expect(await as(instructor).reorderAssessments(form({ slug: "nn", ids: order[0]! }))).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("removes an exercise with submissions only once confirmed, and its submissions with it", async () => {
    const db = handle.db;
    const { items } = await getAssessmentBuilder(db, courseId, homeworkId);
    const softmax = items.find((item) => item.exercise.id === "softmax")!;
    await db.insert(submissions).values([
      { userId: student.id, assignmentId: softmax.assignment.id, exerciseId: "softmax", exerciseVersion: "c", variantSeed: 1, status: "graded", score: 1 },
      { userId: student.id, assignmentId: softmax.assignment.id, exerciseId: "softmax", exerciseVersion: "c", variantSeed: 1, mode: "run", status: "graded", score: 1 },
    ]);
    const unconfirmed = await as(instructor).removeItem(form({ slug: "nn", assessmentId: homeworkId, assignmentId: softmax.assignment.id }));
    expect(unconfirmed).toEqual({ ok: false, code: "CONFLICT", error: "Softmax has 1 submission and 1 run: confirm to delete them with it." });
    expect(await as(instructor).removeItem(form({ slug: "nn", assessmentId: homeworkId, assignmentId: softmax.assignment.id, confirm: "yes" }))).toMatchObject({ ok: true });
    expect(await db.select().from(submissions).where(eq(submissions.exerciseId, "softmax"))).toEqual([]);
    // An exercise with nothing sent goes without asking; the assessment stays, with what is left.
    const adam = items.find((item) => item.exercise.id === "adam")!;
    expect(await as(instructor).removeItem(form({ slug: "nn", assessmentId: homeworkId, assignmentId: adam.assignment.id }))).toMatchObject({ ok: true });
    expect((await getAssessmentBuilder(db, courseId, homeworkId)).items.map((item) => item.exercise.id)).toEqual(["momentum"]);
  });

  it("refuses every action to a student, a TA and another course's instructor (not found), changing nothing", async () => {
    const db = handle.db;
    const { items } = await getAssessmentBuilder(db, courseId, homeworkId);
    const before = { assessments: await db.select().from(assessments), assignments: await db.select().from(assignments) };
    for (const user of [student, ta, outsider]) {
      const act = as(user);
      const results = await Promise.all([
        act.createAssessment(form({ ...NEW_FORM, title: "Sneaky" })),
        act.updateAssessment(form({ ...NEW_FORM, slug: "nn", assessmentId: homeworkId, title: "Sneaky" })),
        act.deleteAssessment(form({ slug: "nn", assessmentId: homeworkId, confirm: "yes" })),
        act.reorderAssessments(form({ slug: "nn", ids: before.assessments.map((row) => row.id) })),
        act.addExercise(form({ slug: "nn", assessmentId: homeworkId, exerciseId: "softmax" })),
        act.reorderItems(form({ slug: "nn", assessmentId: homeworkId, ids: items.map((item) => item.assignment.id) })),
        act.removeItem(form({ slug: "nn", assessmentId: homeworkId, assignmentId: items[0]!.assignment.id, confirm: "yes" })),
      ]);
      for (const result of results) expect(result, user.email).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect({ assessments: await db.select().from(assessments), assignments: await db.select().from(assignments) }).toEqual(before);
  });

  it("does not reach another course's assessment through this course (not found)", async () => {
    const db = handle.db;
    const other = await createCourse(db, { slug: "third", title: "Third course" });
    await enrolUser(db, other.id, instructor.id, "instructor");
    const created = await as(instructor).createAssessment(form({ ...NEW_FORM, slug: "third", title: "Elsewhere" }));
    const elsewhereId = (created as { data: { assessmentId: string } }).data.assessmentId;
    const values = { ...NEW_FORM, title: "Hijacked" };
    for (const result of [
      await as(instructor).updateAssessment(form({ ...values, slug: "nn", assessmentId: elsewhereId })),
      await as(instructor).addExercise(form({ slug: "nn", assessmentId: elsewhereId, exerciseId: "adam" })),
      await as(instructor).reorderItems(form({ slug: "nn", assessmentId: elsewhereId, ids: [] })),
      await as(instructor).deleteAssessment(form({ slug: "nn", assessmentId: elsewhereId, confirm: "yes" })),
      await as(instructor).deleteAssessment(form({ slug: "nn", assessmentId: "not-a-uuid", confirm: "yes" })),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect((await getCourseAssessment(db, other.id, elsewhereId)).title).toBe("Elsewhere");
  });

  it("deletes an assessment only when confirmed, with its exercises' submissions", async () => {
    const db = handle.db;
    const { items } = await getAssessmentBuilder(db, courseId, homeworkId);
    await db.insert(submissions).values({ userId: student.id, assignmentId: items[0]!.assignment.id, exerciseId: "momentum", exerciseVersion: "b", variantSeed: 1, status: "graded", score: 0.5 });
    expect(await as(instructor).deleteAssessment(form({ slug: "nn", assessmentId: homeworkId }))).toMatchObject({ ok: false, fieldErrors: { confirm: expect.any(Array) } });
    expect(await as(instructor).deleteAssessment(form({ slug: "nn", assessmentId: homeworkId, confirm: "yes" }))).toMatchObject({ ok: true, data: { slug: "nn" } });
    await expect(getCourseAssessment(db, courseId, homeworkId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.select().from(submissions).where(eq(submissions.exerciseId, "momentum"))).toEqual([]);
  });
});

/** The form's fields without the slug (the form values of an assessment have none). */
function withoutSlug() {
  const { slug: _slug, ...rest } = NEW_FORM;
  return rest;
}
