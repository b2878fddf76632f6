import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { Course, User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { parseCsv } from "@/lib/courses/roster-csv";
import { listCourseOverrides, listStudentOverrideAudit } from "@/lib/overrides/list-audit";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { getGradebookCsv } from "@/lib/progress/exports";
import { findStudentReport } from "@/lib/progress/student-report";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { onScoreChanged, type ScoreChange } from "@/lib/scoring/score-changed";
import { replaceGradeOutcome } from "@/lib/submissions/lifecycle";
import { createUser } from "@/lib/users/users";
import { createOverrideHandlers } from "@/app/courses/[slug]/manage/students/[userId]/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

const as = (user: User) => createOverrideHandlers({ requireUser: async () => user, logError: vi.fn() });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const NOW = new Date("2026-12-20T12:00:00Z");

describe.each(testBackends())("manual score overrides on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  let instructor: User, ta: User, ann: User, bob: User, cat: User;
  /** Midterm: adam (10 points) and relu (10 points); due in the past. */
  let midterm: string;
  let adam: string, relu: string;
  let otherSubmission: string;
  let changes: ScoreChange[] = [];
  let stop = () => {};

  async function submit(user: User, assignmentId: string, exerciseId: string, score: number | null) {
    const [row] = await handle.db
      .insert(schema.submissions)
      .values({ userId: user.id, assignmentId, exerciseId, exerciseVersion: "v", variantSeed: 1, mode: "submit", code: "// work", status: "graded", verdict: "graded", score, gradedAt: new Date() })
      .returning();
    return row!;
  }

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    await db.insert(schema.exercises).values([
      { id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "v" },
      { id: "relu", title: "ReLU", topic: "Activations", kind: "code", points: 10, difficulty: "easy", currentVersion: "v" },
    ]);
    course = await createCourse(db, { slug: "nn", title: "Neural networks" });
    const other = await createCourse(db, { slug: "other", title: "Other" });
    instructor = await createUser(db, { email: "ines@example.org", name: "Ines" });
    ta = await createUser(db, { email: "tess@example.org", name: "Tess" });
    ann = await createUser(db, { email: "ann@example.org", name: "Ann" });
    bob = await createUser(db, { email: "bob@example.org", name: "Bob" });
    cat = await createUser(db, { email: "cat@example.org", name: "Cat" });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await enrolUser(db, course.id, ann.id, "student");
    await enrolUser(db, course.id, bob.id, "student");
    await enrolUser(db, other.id, cat.id, "student");
    midterm = (await createAssessment(db, course.id, { title: "Midterm", dueAt: new Date("2026-12-10T12:00:00Z") })).id;
    adam = (await addExerciseToAssessment(db, course.id, midterm, { exerciseId: "adam", points: 10 })).id;
    relu = (await addExerciseToAssessment(db, course.id, midterm, { exerciseId: "relu", points: 10 })).id;
    const otherAssessment = await createAssessment(db, other.id, { title: "Elsewhere" });
    const otherItem = await addExerciseToAssessment(db, other.id, otherAssessment.id, { exerciseId: "adam" });
    otherSubmission = (await submit(cat, otherItem.id, "adam", 0.2)).id;
    stop = onScoreChanged((_tx, change) => {
      changes.push(change);
    });
  });
  afterEach(() => {
    changes = [];
  });
  afterAll(async () => {
    stop();
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  it("lets a TA set a Submit's score in points: stored, audited old → new with the TA, reported with cause override, counted", async () => {
    const submission = await submit(ann, adam, "adam", 0.6);
    changes = [];
    const result = await as(ta).adjustSubmission(form({ slug: "nn", submissionId: submission.id, change: "set", score: "9", unit: "points", comment: "Test 3 was too strict." }));
    expect(result).toEqual({ ok: true, data: { message: "Score set: 60 % → 90 % (9 of 10 points)." } });
    // Reload: what is stored, not what the action said.
    const [stored] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.id, submission.id));
    expect(stored!.overrideScore).toBeCloseTo(0.9, 6);
    expect(stored!.score).toBeCloseTo(0.6, 6);
    const audit = await listStudentOverrideAudit(handle.db, course.id, ann.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ submissionId: submission.id, assessmentId: null, comment: "Test 3 was too strict.", actorName: "Tess" });
    expect(audit[0]!.previousScore).toBeCloseTo(0.6, 6);
    expect(audit[0]!.newScore).toBeCloseTo(0.9, 6);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ userId: ann.id, assignmentId: adam, cause: "override" });
    expect(changes[0]!.previous).toBeCloseTo(0.6, 6);
    expect(changes[0]!.current).toBeCloseTo(0.9, 6);
    expect(await getCountedScore(handle.db, { userId: ann.id, assignmentId: adam })).toBeCloseTo(0.9, 6);
    const report = await findStudentReport(handle.db, course, ann.id);
    expect(report!.assignments.find((entry) => entry.assignmentId === adam)!.counted).toBeCloseTo(0.9, 6);
  });

  it("keeps the override through a regrade, which replaces only the grader's score", async () => {
    const [row] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.userId, ann.id));
    await handle.db.transaction(async (tx) => {
      await replaceGradeOutcome(tx, row!, { status: "graded", score: 0.3, tests: [], console: "" }, { exerciseVersion: "v", startedAt: null });
    });
    const [after] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.id, row!.id));
    expect(after!.score).toBeCloseTo(0.3, 6);
    expect(after!.overrideScore).toBeCloseTo(0.9, 6);
    expect(await getCountedScore(handle.db, { userId: ann.id, assignmentId: adam })).toBeCloseTo(0.9, 6);
    // The counted score did not move, so nothing is reported.
    expect(changes).toEqual([]);
  });

  it("saves a comment alone without changing the score, and removing the override brings back the grader's score", async () => {
    const [row] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.userId, ann.id));
    expect(await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: row!.id, change: "comment", score: "", comment: "Well argued." }))).toEqual({
      ok: true,
      data: { message: "Comment saved." },
    });
    expect(changes).toEqual([]);
    const removed = await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: row!.id, change: "remove", comment: "Regraded fairly now." }));
    expect(removed).toEqual({ ok: true, data: { message: "Override removed: 90 % → 30 %." } });
    const [after] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.id, row!.id));
    expect(after!.overrideScore).toBeNull();
    const audit = await listStudentOverrideAudit(handle.db, course.id, ann.id);
    expect(audit.map((entry) => [entry.actorName, entry.previousScore, entry.newScore, entry.comment])).toEqual([
      ["Tess", expect.closeTo(0.6, 6), expect.closeTo(0.9, 6), "Test 3 was too strict."],
      ["Ines", expect.closeTo(0.9, 6), expect.closeTo(0.9, 6), "Well argued."],
      ["Ines", expect.closeTo(0.9, 6), expect.closeTo(0.3, 6), "Regraded fairly now."],
    ]);
    expect(changes.map((change) => [change.cause, change.current])).toEqual([["override", expect.closeTo(0.3, 6)]]);
  });

  it("refuses a student, another course's submission (NOT_FOUND) and scores out of range, changing nothing", async () => {
    const [row] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.userId, ann.id));
    const auditBefore = await handle.db.select().from(schema.scoreOverrideAudit);
    expect(await as(bob).adjustSubmission(form({ slug: "nn", submissionId: row!.id, change: "set", score: "100", unit: "percent" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: otherSubmission, change: "set", score: "100", unit: "percent" }))).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await as(instructor).setAssessment(form({ slug: "nn", assessmentId: midterm, userId: cat.id, change: "set", score: "50", unit: "percent" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: row!.id, change: "set", score: "11", unit: "points" }))).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      error: "The score must be from 0 to 10 points.",
    });
    expect(await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: row!.id, change: "set", score: "", unit: "points" }))).toMatchObject({
      ok: false,
      fieldErrors: { score: ["give the new score"] },
      values: { score: "" },
    });
    expect(await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: row!.id, change: "comment", comment: "  " }))).toMatchObject({ ok: false, error: "Write the comment to save." });
    expect(await handle.db.select().from(schema.scoreOverrideAudit)).toEqual(auditBefore);
    const [after] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.id, row!.id));
    expect(after!.overrideScore).toBeNull();
    expect(changes).toEqual([]);
  });

  it("sets an assessment score that replaces the sum of its exercises in the course grade, says so, and reports each exercise unchanged", async () => {
    // Bob: adam 50 % (5 of 10), relu not tried: the Midterm is 5 of 20 until staff set it.
    await submit(bob, adam, "adam", 0.5);
    changes = [];
    const before = await getStudentCourseGrade(handle.db, course, bob.id, NOW);
    expect(before.grade.percent).toBe(25);
    const result = await as(ta).setAssessment(form({ slug: "nn", assessmentId: midterm, userId: bob.id, change: "set", score: "18", unit: "points", comment: "Oral exam instead." }));
    expect(result).toEqual({ ok: true, data: { message: "Score set: 25 % → 90 % (18 of 20 points)." } });
    const after = await getStudentCourseGrade(handle.db, course, bob.id, NOW);
    expect(after.grade.percent).toBe(90);
    expect(after.grade.assessments[0]).toMatchObject({ earned: 18, possible: 20, overridden: true, status: "counted" });
    expect(after.grade.explanation).toContain("Set by staff, in place of the sum of their exercises: Midterm (18 of 20).");
    expect(after.overrides.get(midterm)).toEqual({ score: 0.9, actorName: "Tess", comment: "Oral exam instead." });
    // The exercises' counted scores are untouched; each is reported with equal fractions.
    expect(after.scores.get(adam)).toBe(0.5);
    expect(changes.map((change) => [change.assignmentId, change.cause, change.previous, change.current])).toEqual([
      [adam, "override", 0.5, 0.5],
      [relu, "override", null, null],
    ]);
    const audit = (await listStudentOverrideAudit(handle.db, course.id, bob.id)).filter((entry) => entry.assessmentId === midterm);
    expect(audit.map((entry) => [entry.actorName, entry.previousScore, entry.newScore, entry.comment])).toEqual([["Tess", 0.25, expect.closeTo(0.9, 6), "Oral exam instead."]]);
  });

  it("puts the set values in the gradebook CSV, in their columns and in `overrides`", async () => {
    const [annSubmit] = await handle.db.select().from(schema.submissions).where(eq(schema.submissions.userId, ann.id));
    await as(instructor).adjustSubmission(form({ slug: "nn", submissionId: annSubmit!.id, change: "set", score: "75", unit: "percent", comment: "Partial credit" }));
    const rows = parseCsv(await getGradebookCsv(handle.db, course, NOW)).map((row) => row.fields);
    const header = rows[0]!;
    const rowOf = (email: string) => rows.find((row) => row[0] === email)!;
    const cell = (email: string, column: string) => rowOf(email)[header.indexOf(column)];
    expect(header.at(-1)).toBe("overrides");
    expect(cell("bob@example.org", "Midterm (points of 20)")).toBe("18");
    expect(cell("bob@example.org", "Midterm (%)")).toBe("90");
    expect(cell("bob@example.org", "course grade (%)")).toBe("90");
    expect(cell("bob@example.org", "overrides")).toBe("Midterm: 18/20 by Tess — Oral exam instead.");
    // Ann's adam Submit set to 75 %: 7.5 of 10 counted in its column and the Midterm's sum (7.5 of 20).
    expect(cell("ann@example.org", "adam (10)")).toBe("7.5");
    expect(cell("ann@example.org", "Midterm (points of 20)")).toBe("7.5");
    expect(cell("ann@example.org", "overrides")).toBe("Midterm › Adam: 7.5/10 by Ines — Partial credit");
    const overrides = await listCourseOverrides(handle.db, course.id);
    expect(overrides.submissions).toHaveLength(1);
  });

  it("removes an assessment score: the sum counts again", async () => {
    const result = await as(instructor).setAssessment(form({ slug: "nn", assessmentId: midterm, userId: bob.id, change: "remove", comment: "" }));
    expect(result).toEqual({ ok: true, data: { message: "Override removed: 90 % → 25 %." } });
    const after = await getStudentCourseGrade(handle.db, course, bob.id, NOW);
    expect(after.grade.percent).toBe(25);
    expect(after.overrides.size).toBe(0);
    expect(after.grade.assessments[0]!.overridden).toBe(false);
  });
});
