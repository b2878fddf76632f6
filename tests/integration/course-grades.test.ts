import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DatabaseHandle } from "@/lib/db/client";
import { accommodationGroupMembers, accommodationGroups, accommodations, exercises, submissions, users, type Course } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createGradeCategory, setAssessmentCategory, updateGradeCategory } from "@/lib/courses/grade-categories";
import { parseCsv } from "@/lib/courses/roster-csv";
import { getClassGrades, getStudentCourseGrade } from "@/lib/progress/course-grades";
import { getGradebookCsv } from "@/lib/progress/exports";
import { assessmentCells, droppedTitles, exerciseColumns } from "@/lib/progress/gradebook";
import { countedPoints } from "@/lib/scoring/points";
import { testBackends } from "../helpers/test-database";

const DAY = 86_400_000;
const NOW = new Date("2026-05-01T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * DAY);

/** A small seeded PRNG (mulberry32), so that the generated class is the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  course: Course;
  students: Array<{ id: string; email: string }>;
  assessment: Record<string, string>;
  category: Record<string, string>;
  /** assessment key → its assignments (one per exercise). */
  items: Record<string, Array<{ assignmentId: string; exerciseId: string }>>;
}

/**
 * A class of 10 students: four categories (one empty), drops, an uncategorised assessment, an exercise in
 * two assessments, late work under a penalty, an individual extension and waiver, a group's waiver and
 * extension, and random attempts around each due date (some late, some after the cut-off, a run or two).
 */
async function generateClass(db: Db): Promise<Generated> {
  const random = prng(16);
  const course = await createCourse(db, { slug: "graded", title: "Graded", timeZone: "Europe/Paris" });
  await db.insert(exercises).values(Array.from({ length: 16 }, (_, i) => ({ id: `ex-${i}`, title: `Exercise ${i}`, topic: "t", kind: "code" as const, points: 10, difficulty: "easy", currentVersion: "v1" })));
  const category: Record<string, string> = {};
  for (const [key, weight, dropLowest] of [["Homework", 50, 1], ["Quizzes", 30, 1], ["Exam", 20, 0], ["Bonus", 10, 0]] as const) {
    category[key] = (await createGradeCategory(db, course.id, { name: key, weight, dropLowest })).id;
  }
  const assessment: Record<string, string> = {};
  const items: Generated["items"] = {};
  let exercise = 0;
  const penalty = { latePolicy: "penalty" as const, latePenaltyPerDay: 10 };
  const specs: Array<{ key: string; category: string | null; dueAt: Date | null; points: number[]; policy?: object; shared?: string }> = [
    { key: "H1", category: "Homework", dueAt: days(-30), points: [10, 20], policy: { ...penalty, lateCutoffAt: days(-25) } },
    { key: "H2", category: "Homework", dueAt: days(-20), points: [10, 5, 5], policy: { ...penalty, lateCutoffAt: days(-15) } },
    { key: "H3", category: "Homework", dueAt: days(-12), points: [20], policy: { ...penalty, lateCutoffAt: days(-8) } },
    { key: "H4", category: "Homework", dueAt: days(-2), points: [10, 10], policy: { ...penalty, lateCutoffAt: days(5) } },
    { key: "H5", category: "Homework", dueAt: days(6), points: [15], policy: penalty },
    { key: "Q1", category: "Quizzes", dueAt: days(-25), points: [5] },
    { key: "Q2", category: "Quizzes", dueAt: days(-10), points: [5] },
    { key: "Q3", category: "Quizzes", dueAt: days(3), points: [5] },
    { key: "Exam", category: "Exam", dueAt: days(-1), points: [40, 60] },
    { key: "Practice", category: null, dueAt: null, points: [10], shared: "ex-0" },
  ];
  for (const spec of specs) {
    const created = await createAssessment(db, course.id, { title: spec.key === "Exam" ? "Final exam" : `${spec.key}, "graded"`, dueAt: spec.dueAt, ...spec.policy });
    assessment[spec.key] = created.id;
    if (spec.category) await setAssessmentCategory(db, course.id, created.id, category[spec.category]!);
    items[spec.key] = [];
    for (const points of spec.points) {
      const exerciseId = spec.shared ?? `ex-${exercise++}`;
      items[spec.key]!.push({ assignmentId: (await addExerciseToAssessment(db, course.id, created.id, { exerciseId, points })).id, exerciseId });
    }
  }
  const students: Array<{ id: string; email: string }> = [];
  for (let i = 0; i < 10; i++) {
    const [row] = await db.insert(users).values({ email: `s${i}@x.test`, name: `Student ${String(i).padStart(2, "0")}` }).returning();
    await enrolUser(db, course.id, row!.id, "student");
    students.push({ id: row!.id, email: row!.email });
  }
  // s0: H4 extended past now (nothing submitted: not yet counted for s0 alone). s1: H2's late penalty waived.
  // s3 and s4, group "extra time": every assessment's penalty waived, and the exam extended.
  await db.insert(accommodations).values([
    { courseId: course.id, userId: students[0]!.id, assessmentId: assessment.H4!, dueAt: days(3) },
    { courseId: course.id, userId: students[1]!.id, assessmentId: assessment.H2!, waiveLatePenalty: true },
  ]);
  const [group] = await db.insert(accommodationGroups).values({ courseId: course.id, label: "extra time" }).returning();
  await db.insert(accommodationGroupMembers).values([3, 4].map((i) => ({ groupId: group!.id, userId: students[i]!.id })));
  await db.insert(accommodations).values([
    { courseId: course.id, groupId: group!.id, waiveLatePenalty: true },
    { courseId: course.id, groupId: group!.id, assessmentId: assessment.Exam!, dueAt: days(2) },
  ]);

  const rows: Array<typeof submissions.$inferInsert> = [];
  const attempt = (userId: string, assignmentId: string, exerciseId: string, createdAt: Date, score: number | null, mode: "submit" | "run" = "submit") =>
    rows.push({ userId, assignmentId, exerciseId, exerciseVersion: "v1", mode, code: "//", variantSeed: 1, status: "graded", verdict: "graded", score, createdAt });
  const scores = [0, 0.25, 1 / 3, 0.5, 0.8, 0.9, 1];
  for (const spec of specs) {
    for (const { assignmentId, exerciseId } of items[spec.key]!) {
      for (const [s, student] of students.entries()) {
        // Nothing from s0 on H4 (extended), nor from s3 (extended) and s6 (not) on the exam.
        if ((s === 0 && spec.key === "H4") || ((s === 3 || s === 6) && spec.key === "Exam")) continue;
        if (random() < 0.25) continue;
        const count = 1 + Math.floor(random() * 3);
        for (let k = 0; k < count; k++) {
          const base = spec.dueAt ?? days(-5);
          const at = new Date(base.getTime() - 2 * DAY + random() * 5 * DAY);
          if (at > NOW) continue;
          attempt(student.id, assignmentId, exerciseId, at, scores[Math.floor(random() * scores.length)]!, random() < 0.1 ? "run" : "submit");
        }
      }
    }
  }
  // The same late, perfect attempt on H2 (a day and a bit late) from s1 (waived) and s2 (10 % a started day).
  for (const s of [1, 2]) for (const { assignmentId, exerciseId } of items.H2!) attempt(students[s]!.id, assignmentId, exerciseId, days(-18.5), 1);
  await db.insert(submissions).values(rows);
  return { course, students, assessment, category, items };
}

describe.each(testBackends())("course grades on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let data: Generated;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    data = await generateClass(handle.db);
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  /** Every student's CSV row, read back, against the numbers of their own grades page. */
  async function expectCsvEqualsEveryGradesPage() {
    const { db } = handle;
    const csv = parseCsv(await getGradebookCsv(db, data.course, NOW)).map((row) => row.fields);
    const header = csv[0]!;
    const column = (name: string) => {
      const index = header.indexOf(name);
      expect(index, name).toBeGreaterThan(1);
      return index;
    };
    const cell = (value: string) => (value === "" ? null : Number(value));
    expect(csv).toHaveLength(data.students.length + 1);
    const pages = [];
    for (const student of data.students) {
      const row = csv.find((fields) => fields[0] === student.email)!;
      const page = await getStudentCourseGrade(db, data.course, student.id, NOW);
      pages.push(page);
      const { grade, structure, scores } = page;
      expect(cell(row[column("course grade (%)")]!), student.email).toBe(grade.percent);
      for (const category of grade.categories) expect(cell(row[column(`${category.name} (category %)`)]!)).toBe(category.percent);
      for (const assessment of structure.assessments) {
        const own = grade.assessments.find((entry) => entry.assessmentId === assessment.id);
        const [points, percent] = assessmentCells(own);
        const possible = assessment.items.reduce((sum, item) => sum + item.points, 0);
        expect(cell(row[column(`${assessment.title} (points of ${possible})`)]!), `${student.email} ${assessment.title}`).toBe(points);
        expect(cell(row[column(`${assessment.title} (%)`)]!)).toBe(percent);
      }
      for (const { item, header: name } of exerciseColumns(structure)) {
        expect(cell(row[column(name)]!), `${student.email} ${name}`).toBe(countedPoints(scores.get(item.assignmentId) ?? null, item.points));
      }
      expect(row[column("dropped")]).toBe(droppedTitles(grade));
    }
    return pages;
  }

  it("writes, for every student, the CSV row that their own grades page shows", async () => {
    const pages = await expectCsvEqualsEveryGradesPage();
    // The class exercises what it is meant to: weights, drops, every status, both headers for a shared exercise.
    expect(pages.every((page) => page.grade.method === "weighted" && page.grade.percent !== null)).toBe(true);
    expect(pages.filter((page) => page.grade.categories.some((category) => category.dropped.length > 0)).length).toBeGreaterThan(3);
    const statuses = new Set(pages.flatMap((page) => page.grade.assessments.map((assessment) => assessment.status)));
    expect([...statuses].sort()).toEqual(["counted", "not_in_grade", "not_yet_counted"]);
    expect(exerciseColumns(pages[0]!.structure).map((column) => column.header)).toContain('Practice, "graded": ex-0 (10)');
  });

  it("moves due dates and waives penalties per student, as the grants say", async () => {
    const { db } = handle;
    const own = async (s: number) => (await getStudentCourseGrade(db, data.course, data.students[s]!.id, NOW)).grade;
    const h = (grade: Awaited<ReturnType<typeof own>>, key: string) => grade.assessments.find((entry) => entry.assessmentId === data.assessment[key])!;
    const [s0, s1, s2, s3, s5, s6] = await Promise.all([own(0), own(1), own(2), own(3), own(5), own(6)]);
    // s0's extended H4 is not yet due for s0; for a classmate it is past due and counts.
    expect(h(s0, "H4")).toMatchObject({ status: "not_yet_counted", percent: null });
    expect(h(s5, "H4").status).toBe("counted");
    // The same perfect attempt a day and a half late: waived for s1, two started days off (−20 %) for s2.
    expect(h(s1, "H2").percent).toBe(100);
    expect(h(s2, "H2").percent).toBeLessThanOrEqual(80);
    // The group's exam extension: without a Submit, not yet due for s3; past due for s6, so it counts 0.
    expect(h(s3, "Exam")).toMatchObject({ status: "not_yet_counted", percent: null });
    expect(h(s6, "Exam")).toMatchObject({ status: "counted", earned: 0, percent: 0 });
    expect(s3.categories.find((category) => category.name === "Bonus")).toMatchObject({ percent: null, counted: 0 });
  });

  it("gives the same numbers for the whole class at once as one by one", async () => {
    const { grades } = await getClassGrades(handle.db, data.course, NOW);
    for (const student of data.students) expect(grades.get(student.id)).toEqual((await getStudentCourseGrade(handle.db, data.course, student.id, NOW)).grade);
  });

  it("follows a change of weights and drops in the CSV and on every page, no stored score changing", async () => {
    const { grades: before, matrix: matrixBefore } = await getClassGrades(handle.db, data.course, NOW);
    await updateGradeCategory(handle.db, data.course.id, data.category.Homework!, { weight: 10, dropLowest: 0 });
    await updateGradeCategory(handle.db, data.course.id, data.category.Exam!, { weight: 80 });
    const pages = await expectCsvEqualsEveryGradesPage();
    const changed = pages.filter((page, i) => page.grade.percent !== before.get(data.students[i]!.id)!.percent);
    expect(changed.length).toBeGreaterThan(5);
    expect(pages.every((page) => page.grade.categories.find((category) => category.name === "Homework")!.dropped.length === 0)).toBe(true);
    expect((await getClassGrades(handle.db, data.course, NOW)).matrix).toEqual(matrixBefore);
  });
});
