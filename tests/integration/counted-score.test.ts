import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodationGroupMembers, accommodationGroups, accommodations, assessments, assignments, submissions, type Course, type User } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { getStudentPolicy } from "@/lib/courses/student-policy";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { getClassMatrix } from "@/lib/progress/class-matrix";
import { getCourseScope } from "@/lib/progress/scope";
import { getStudentProgress } from "@/lib/progress/student-progress";
import { findStudentReport } from "@/lib/progress/student-report";
import { buildSubmissionExport } from "@/lib/progress/submission-export";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const DUE = new Date("2026-12-01T12:00:00.000Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(DUE.getTime() + hours * HOUR);
const AFTER_EVERYTHING = at(24 * 10);

describe.each(testBackends())("every reader counts the same score on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  const students: Record<string, User> = {};
  const assignment: Record<string, string> = {};

  async function attempt(
    student: string,
    exercise: string,
    createdAt: Date | string,
    score: number | null,
    options: { mode?: "run" | "submit"; status?: "graded" | "error"; override?: number } = {},
  ) {
    const status = options.status ?? (score === null ? "error" : "graded");
    await handle.db.insert(submissions).values({
      userId: students[student]!.id,
      assignmentId: assignment[exercise]!,
      exerciseId: exercise,
      exerciseVersion: "v",
      variantSeed: 1,
      mode: options.mode ?? "submit",
      code: "// attempt",
      status,
      verdict: status === "error" ? "error" : "graded",
      score,
      overrideScore: options.override ?? null,
      // A string keeps microseconds, which a Date cannot hold.
      createdAt: typeof createdAt === "string" ? sql`${createdAt}::timestamptz` : createdAt,
      gradedAt: DUE,
    });
  }

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching", "adam"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    course = await createCourse(handle.db, { slug: "agree", title: "Agree" });
    for (const key of ["late", "cutoff", "errors", "runs", "thirds", "micro", "none", "extended", "waived", "grouped", "overridden", "unscored"]) {
      students[key] = await createUser(handle.db, { email: `${key}@example.org`, name: key });
      await enrolUser(handle.db, course.id, students[key]!.id, "student");
    }
    assignment.batching = (
      await createAssignment(handle.db, course.id, { exerciseId: "batching", dueAt: DUE, latePolicy: "penalty", latePenaltyPerDay: 20, lateCutoffAt: at(72), points: 10 })
    ).id;
    assignment.adam = (await createAssignment(handle.db, course.id, { exerciseId: "adam", dueAt: DUE, latePolicy: "none", points: 4 })).id;

    // Late: full marks a started day late (0.8) beats an on-time half; a Run at full marks on time never counts.
    await attempt("late", "batching", at(-2), 0.5);
    await attempt("late", "batching", at(1), 1);
    await attempt("late", "batching", at(-1), 1, { mode: "run" });
    // Past the cut-off full marks count nothing; the on-time 0.3 counts; an error counts as no attempt graded.
    await attempt("cutoff", "batching", at(73), 1);
    await attempt("cutoff", "batching", at(-3), 0.3);
    await attempt("cutoff", "batching", at(-2), null);
    // Only errors: an attempt, but no score.
    await attempt("errors", "batching", at(-1), null);
    await attempt("errors", "batching", at(2), null);
    // Only Runs: nothing counted at all.
    await attempt("runs", "batching", at(-1), 1, { mode: "run" });
    await attempt("runs", "batching", at(30), 0.5, { mode: "run" });
    // A score a `real` column cannot hold exactly, two started days late.
    await attempt("thirds", "batching", at(25), 2 / 3);
    await attempt("thirds", "batching", at(48), 1 / 3);
    // 0.9 ms after the due date: on time to a JavaScript Date, so no penalty.
    await attempt("micro", "batching", "2026-12-01T12:00:00.000900Z", 0.9);
    // No late work taken: a late full mark is worth nothing; the on-time 0.25 counts.
    await attempt("none", "adam", at(-1), 0.25);
    await attempt("none", "adam", at(1), 1);
    await attempt("late", "adam", at(5), 1);
    // Accommodations. Extended by two days on batching (the cut-off moves by as much, to +120 h): on time
    // at +25 h; full marks at +100 h, three started days late, still taken and worth 0.4.
    const batchingAssessment = (await scopeRow(assignment.batching))!.id;
    const adamAssessment = (await scopeRow(assignment.adam))!.id;
    await handle.db.insert(accommodations).values({ courseId: course.id, userId: students.extended!.id, assessmentId: batchingAssessment, dueAt: at(48) });
    await attempt("extended", "batching", at(25), 0.3);
    await attempt("extended", "batching", at(50), 0.45);
    await attempt("extended", "batching", at(100), 1);
    // A waiver for every assessment: a late full mark on adam (no late work taken) counts in full.
    await handle.db.insert(accommodations).values({ courseId: course.id, userId: students.waived!.id, waiveLatePenalty: true });
    await attempt("waived", "adam", at(30), 1);
    await attempt("waived", "batching", at(80), 0.6);
    // Through a group: an extension of a day on adam, and a smaller individual one that does not shorten it.
    const [group] = await handle.db.insert(accommodationGroups).values({ courseId: course.id, label: "extra time" }).returning();
    await handle.db.insert(accommodationGroupMembers).values({ groupId: group!.id, userId: students.grouped!.id });
    await handle.db.insert(accommodations).values({ courseId: course.id, groupId: group!.id, assessmentId: adamAssessment, dueAt: at(24) });
    await handle.db.insert(accommodations).values({ courseId: course.id, userId: students.grouped!.id, assessmentId: adamAssessment, dueAt: at(2) });
    await attempt("grouped", "adam", at(23), 0.9);
    // Staff's override counts instead of the grader's score, lower or higher, and the late penalty still
    // applies to it: full marks set to 0.5 on time; 0.2 set to 0.75 an hour late (one started day: 0.6). On adam (no
    // late work taken), 0.25 set to 1 on time counts 1.
    await attempt("overridden", "batching", at(-1), 1, { override: 0.5 });
    await attempt("overridden", "batching", at(1), 0.2, { override: 0.75 });
    await attempt("overridden", "adam", at(-1), 0.25, { override: 1 });
    // An attempt whose grading failed, given a score by staff: it counts.
    await attempt("unscored", "adam", at(-2), null, { override: 0.4 });
  });
  afterAll(async () => {
    await drop?.();
  });

  it("gives each student's counted score identically in the class matrix, getCountedScore, the exercise page, the course page and the student report", async () => {
    const scope = await getCourseScope(handle.db, course);
    const matrix = await getClassMatrix(handle.db, scope);
    const expected: Record<string, Record<string, number | null>> = {
      batching: { late: 0.8, cutoff: 0.3, errors: null, runs: null, thirds: (2 / 3) * 0.6, micro: 0.9, none: null, extended: 0.4, waived: 0, grouped: null, overridden: 0.6, unscored: null },
      adam: { late: 0, cutoff: null, errors: null, runs: null, thirds: null, micro: null, none: 0.25, extended: null, waived: 1, grouped: 0.9, overridden: 1, unscored: 0.4 },
    };
    for (const exercise of ["batching", "adam"]) {
      const assignmentId = assignment[exercise]!;
      for (const [key, student] of Object.entries(students)) {
        const counted = await getCountedScore(handle.db, { userId: student.id, assignmentId });
        const want = expected[exercise]![key]!;
        if (want === null) expect(counted, `${exercise}/${key}`).toBeNull();
        else expect(counted, `${exercise}/${key}`).toBeCloseTo(want, 6);

        const page = await getExercisePageData(handle.db, student, "agree", exercise, AFTER_EVERYTHING);
        const progress = await getStudentProgress(handle.db, student.id, [{ id: assignmentId, policy: await getStudentPolicy(handle.db, (await scopeRow(assignmentId))!, student.id) }]);
        const report = await findStudentReport(handle.db, course, student.id);
        const cell = matrix.get(assignmentId)!.get(student.id);
        // Exactly equal, not merely close: one rule, whichever language evaluates it.
        expect(page.countingScore, `page ${exercise}/${key}`).toBe(counted);
        expect(cell?.score ?? null, `matrix ${exercise}/${key}`).toBe(counted);
        expect(progress.get(assignmentId)!.score, `progress ${exercise}/${key}`).toBe(counted);
        expect(report!.assignments.find((entry) => entry.exerciseId === exercise)!.counted, `report ${exercise}/${key}`).toBe(counted);
      }
    }
  });

  it("counts staff's override in the attempt history and the submission export, as in the counted score", async () => {
    const page = await getExercisePageData(handle.db, students.overridden!, "agree", "batching", AFTER_EVERYTHING);
    // Newest first: 0.75 set on an hour-late 0.2 counts 0.6; full marks set to 0.5 on time counts 0.5.
    expect(page.history.map((entry) => entry.countedScore)).toEqual([expect.closeTo(0.6, 6), 0.5]);
    expect(page.history.map((entry) => entry.staffAdjustment?.score)).toEqual([0.75, 0.5]);
    expect(page.history.map((entry) => entry.score)).toEqual([expect.closeTo(0.2, 6), 1]);
    const rows = await buildSubmissionExport(handle.db, await getCourseScope(handle.db, course));
    const header = rows[0]!;
    const own = rows.slice(1).filter((row) => row[header.indexOf("student email")] === "overridden@example.org" && row[header.indexOf("exercise")] === "batching");
    const counted = own.filter((row) => row[header.indexOf("counted")] === true);
    expect(counted).toHaveLength(1);
    expect(counted[0]![header.indexOf("override")]).toBe(0.75);
  });

  it("counts Submits as attempts, errors included, and never Runs", async () => {
    const matrix = await getClassMatrix(handle.db, await getCourseScope(handle.db, course));
    const batching = matrix.get(assignment.batching!)!;
    expect(batching.get(students.late!.id)).toMatchObject({ attempts: 2, status: "attempted" });
    expect(batching.get(students.cutoff!.id)).toMatchObject({ attempts: 3 });
    expect(batching.get(students.errors!.id)).toMatchObject({ attempts: 2, score: null, points: null });
    expect(batching.has(students.runs!.id)).toBe(false);
    const page = await getExercisePageData(handle.db, students.cutoff!, "agree", "batching", AFTER_EVERYTHING);
    expect(page.attemptsUsed).toBe(3);
    expect(page.history.map((entry) => entry.countedScore)).toEqual([0, null, expect.closeTo(0.3, 6)]);
  });

  async function scopeRow(assignmentId: string) {
    const [row] = await handle.db.select({ assessment: assessments }).from(assignments).innerJoin(assessments, eq(assessments.id, assignments.assessmentId)).where(eq(assignments.id, assignmentId));
    return row?.assessment;
  }
});
