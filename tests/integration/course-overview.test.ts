import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodations, assessments, assignments, exercises, gradeCategories, submissions, type Course, type User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { overrideAssessmentScore } from "@/lib/overrides/override-assessment";
import { assessmentProgressText } from "@/lib/progress/assessment-text";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { dueNext, getAssessmentOverview, getCourseOverview, overdue, type AssessmentView } from "@/lib/progress/course-overview";
import { getHomeOverview, type StaffCourseSummary, type StudentCourseSummary } from "@/lib/progress/home-overview";
import { findAssessmentPageTitle } from "@/lib/progress/assessment-page-title";
import { listAssessmentsOfExercise } from "@/lib/progress/exercise-assessments";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const now = new Date("2026-12-04T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe.each(testBackends())("the student's course and assessment pages on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let extended: User;
  let plain: User;
  let instructor: User;
  const ids = { homework: "", quiz: "", later: "", elsewhere: "" };

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const db = handle.db;
    course = await createCourse(db, { slug: "keras", title: "Keras" });
    const other = await createCourse(db, { slug: "other", title: "Other" });
    extended = await createUser(db, { email: "ext@example.test", name: "Extended" });
    plain = await createUser(db, { email: "plain@example.test", name: "Plain" });
    instructor = await createUser(db, { email: "i@example.test", name: "I" });
    for (const user of [extended, plain]) await enrolUser(db, course.id, user.id, "student");
    await enrolUser(db, course.id, instructor.id, "instructor");
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "b" },
      { id: "softmax", title: "Softmax", topic: "activations", kind: "quiz", points: 10, difficulty: "easy", currentVersion: "c" },
    ]);
    const [category] = await db.insert(gradeCategories).values({ courseId: course.id, name: "Homework", weight: "40" }).returning();
    const made = await db
      .insert(assessments)
      .values([
        // Due yesterday, late work loses 20 % a day until in five days; two attempts per exercise.
        { courseId: course.id, title: "Homework 1", categoryId: category!.id, dueAt: days(-1), attemptLimit: 2, latePolicy: "penalty", latePenaltyPerDay: "20", lateCutoffAt: days(5), position: 0 },
        { courseId: course.id, title: "Quiz 1", dueAt: days(3), position: 1 },
        { courseId: course.id, title: "Later", opensAt: days(2), dueAt: days(10), position: 2 },
        { courseId: other.id, title: "Elsewhere", position: 0 },
      ])
      .returning();
    [ids.homework, ids.quiz, ids.later, ids.elsewhere] = made.map((row) => row.id) as [string, string, string, string];
    const items = await db
      .insert(assignments)
      .values([
        { courseId: course.id, assessmentId: ids.homework, exerciseId: "adam", points: 10, position: 0 },
        { courseId: course.id, assessmentId: ids.homework, exerciseId: "batching", points: 20, position: 1 },
        { courseId: course.id, assessmentId: ids.quiz, exerciseId: "batching", points: 5, position: 0 },
        { courseId: course.id, assessmentId: ids.quiz, exerciseId: "softmax", points: 10, position: 1 },
        { courseId: course.id, assessmentId: ids.later, exerciseId: "softmax", points: 10, position: 0 },
      ])
      .returning();
    const homeworkAdam = items[0]!.id;
    // Two more days and one extra attempt on Homework 1, for one student only.
    await db.insert(accommodations).values({ courseId: course.id, userId: extended.id, assessmentId: ids.homework, dueAt: days(1), extraAttempts: 1 });
    const graded = { exerciseId: "adam", exerciseVersion: "a", code: "x", variantSeed: 1, status: "graded" as const, assignmentId: homeworkAdam };
    await db.insert(submissions).values([
      // Full marks on time for the extended student; full marks a started day late for the other (−20 %).
      { ...graded, userId: extended.id, score: 1, createdAt: days(-2) },
      { ...graded, userId: plain.id, score: 1, createdAt: days(-0.5) },
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  const byTitle = (views: AssessmentView[], title: string) => views.find((view) => view.title === title)!;

  it("lists the course's assessments in order with their category, exercises and links", async () => {
    const views = await getCourseOverview(handle.db, course, plain.id, now);
    expect(views.map((view) => view.title)).toEqual(["Homework 1", "Quiz 1", "Later"]);
    const homework = byTitle(views, "Homework 1");
    expect(homework.category).toBe("Homework");
    expect(byTitle(views, "Quiz 1").category).toBeNull();
    expect(homework.exercises.map((exercise) => [exercise.exerciseId, exercise.points])).toEqual([
      ["adam", 10],
      ["batching", 20],
    ]);
    // An exercise in two assessments names the one it is linked from; one in a single assessment does not.
    expect(homework.exercises.map((exercise) => exercise.href)).toEqual([
      "/courses/keras/exercises/adam",
      `/courses/keras/exercises/batching?assessment=${ids.homework}`,
    ]);
    expect(byTitle(views, "Quiz 1").exercises[0]!.href).toBe(`/courses/keras/exercises/batching?assessment=${ids.quiz}`);
  });

  it("a student without an accommodation sees the course's due date, late with the penalty, and their late points", async () => {
    const views = await getCourseOverview(handle.db, course, plain.id, now);
    const homework = byTitle(views, "Homework 1");
    expect(homework).toMatchObject({ state: "late", extended: false, attemptLimit: 2, latePenaltyPerDay: 20, lateWaived: false, accommodation: null });
    expect(homework.dueAt).toEqual(days(-1));
    expect(homework.exercises[0]!.progress).toEqual({ attemptsUsed: 1, score: 0.8, status: "attempted" });
    expect(homework.exercises[0]!.earned).toBe(8);
    expect(homework.progress).toEqual({ solved: 0, attempted: 1, submitted: 0, total: 2, earned: 8, possible: 30, held: false, overridden: false });
    expect(byTitle(views, "Later").state).toBe("not_open");
    expect(byTitle(views, "Quiz 1").state).toBe("upcoming");
    expect(overdue(views).map((view) => view.title)).toEqual(["Homework 1"]);
    expect(dueNext(views).map((view) => view.title)).toEqual(["Quiz 1"]);
  });

  it("a student with an extension sees their own later due date, marked extended, and is not late", async () => {
    const views = await getCourseOverview(handle.db, course, extended.id, now);
    const homework = byTitle(views, "Homework 1");
    expect(homework).toMatchObject({ state: "upcoming", extended: true, attemptLimit: 3 });
    expect(homework.dueAt).toEqual(days(1));
    expect(homework.courseDueAt).toEqual(days(-1));
    // The cut-off moves by as much as the due date.
    expect(homework.lateCutoffAt).toEqual(days(7));
    expect(homework.accommodation).toMatchObject({ extraAttempts: 1 });
    expect(homework.progress).toEqual({ solved: 1, attempted: 0, submitted: 0, total: 2, earned: 10, possible: 30, held: false, overridden: false });
    expect(overdue(views)).toEqual([]);
    expect(dueNext(views).map((view) => view.title)).toEqual(["Homework 1", "Quiz 1"]);
    // Only their own: the other student's view of the same assessment is unchanged.
    expect(byTitle(await getCourseOverview(handle.db, course, plain.id, now), "Homework 1").extended).toBe(false);
  });

  it("an assessment page is one assessment of the course; another course's, or no id at all, is NOT_FOUND", async () => {
    const view = await getAssessmentOverview(handle.db, course, extended.id, ids.homework, now);
    expect(view).toMatchObject({ id: ids.homework, title: "Homework 1", extended: true });
    expect(view.exercises.map((exercise) => exercise.exerciseId)).toEqual(["adam", "batching"]);
    await expect(getAssessmentOverview(handle.db, course, extended.id, ids.elsewhere, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAssessmentOverview(handle.db, course, extended.id, "not-a-uuid", now)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an exercise page knows every assessment its exercise sits in, in course order", async () => {
    expect(await listAssessmentsOfExercise(handle.db, course.id, "batching")).toEqual([
      { id: ids.homework, title: "Homework 1" },
      { id: ids.quiz, title: "Quiz 1" },
    ]);
    expect(await listAssessmentsOfExercise(handle.db, course.id, "adam")).toEqual([{ id: ids.homework, title: "Homework 1" }]);
  });

  it("an assessment page's title names the assessment and course, for members only", async () => {
    expect(await findAssessmentPageTitle(handle.db, plain.id, "keras", ids.quiz)).toBe("Quiz 1 · Keras");
    expect(await findAssessmentPageTitle(handle.db, plain.id, "keras", ids.elsewhere)).toBeNull();
    expect(await findAssessmentPageTitle(handle.db, plain.id, "other", ids.elsewhere)).toBeNull();
    expect(await findAssessmentPageTitle(handle.db, plain.id, "keras", "nope")).toBeNull();
  });

  it("an assessment score set by staff replaces the exercises' sum on the course and assessment pages, as on the grades page; held back with the scores", async () => {
    const setScore = (score: number | null) =>
      handle.db.transaction((tx) => overrideAssessmentScore(tx, { courseId: course.id, assessmentId: ids.homework, userId: plain.id, score, comment: "Oral exam instead.", actorId: instructor.id }));
    const pages = async () => [byTitle(await getCourseOverview(handle.db, course, plain.id, now), "Homework 1"), await getAssessmentOverview(handle.db, course, plain.id, ids.homework, now)];
    // 18 of the 30 points, where the exercises sum to 8 (10 points a started day late).
    await setScore(0.6);
    try {
      for (const view of await pages()) {
        expect(view.progress).toMatchObject({ earned: 18, possible: 30, overridden: true, held: false });
        expect(assessmentProgressText(view.progress)).toBe("0 of 2 exercises solved · 18 of 30 points, set by staff");
        // The exercises keep their own counted points.
        expect(view.exercises[0]!.earned).toBe(8);
      }
      const grades = await getStudentCourseGrade(handle.db, course, plain.id, now, { asStudent: true });
      expect(grades.grade.assessments.find((grade) => grade.assessmentId === ids.homework)).toMatchObject({ earned: 18, possible: 30, overridden: true });
      // Only theirs: the other student's sum stands.
      expect(byTitle(await getCourseOverview(handle.db, course, extended.id, now), "Homework 1").progress).toMatchObject({ earned: 10, overridden: false });

      // Held back (release policy): no points at all, the staff score neither.
      await handle.db.update(assessments).set({ releasePolicy: "manual", releasedAt: null }).where(eq(assessments.id, ids.homework));
      for (const view of await pages()) {
        expect(view.progress).toMatchObject({ earned: 0, overridden: false, held: true });
        expect(assessmentProgressText(view.progress)).toBe("Scores not released yet · 1 of 2 exercises submitted");
      }
      await handle.db.update(assessments).set({ releasedAt: days(-1) }).where(eq(assessments.id, ids.homework));
      for (const view of await pages()) expect(view.progress).toMatchObject({ earned: 18, overridden: true, held: false });

      // Removed: the exercises' sum again.
      await setScore(null);
      for (const view of await pages()) expect(view.progress).toMatchObject({ earned: 8, overridden: false });
    } finally {
      await handle.db.update(assessments).set({ releasePolicy: "immediately", releasedAt: null }).where(eq(assessments.id, ids.homework));
    }
  });

  it("the home cards count exercises and list what is due by assessment, for a student and for staff", async () => {
    const [student] = (await getHomeOverview(handle.db, plain, now)).courses as StudentCourseSummary[];
    expect(student!.counts).toEqual({ solved: 0, attempted: 1, notStarted: 4 });
    expect(student!.overdue.map((view) => view.title)).toEqual(["Homework 1"]);
    expect(student!.dueNext.map((view) => view.title)).toEqual(["Quiz 1"]);
    const [staff] = (await getHomeOverview(handle.db, instructor, now)).courses as StaffCourseSummary[];
    expect(staff).toMatchObject({ view: "staff", students: 2, assessments: 3 });
    expect(staff!.dueNext.map((view) => view.title)).toEqual(["Quiz 1", "Later"]);
  });
});
