import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { assignmentOpens, exercises, submissions, testResults, users, type Course } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssignment } from "@/lib/courses/assignments";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { SUBMISSION_EXPORT_HEADER } from "@/lib/progress/submission-export";
import { getClassDashboard } from "@/lib/progress/class-dashboard";
import { getDashboardPageData } from "@/lib/progress/dashboard-page";
import { getStudentAttempts } from "@/lib/progress/student-attempts";
import { buildGradebook } from "@/lib/progress/gradebook";
import { getClassGrades } from "@/lib/progress/course-grades";
import { buildSubmissionExport } from "@/lib/progress/submission-export";
import { getCourseScope } from "@/lib/progress/scope";
import { getGradebookCsv } from "@/lib/progress/exports";
import { findStudentReport } from "@/lib/progress/student-report";
import { parseCsv } from "@/lib/courses/roster-csv";
import { testBackends } from "../helpers/test-database";

const DUE = new Date("2026-03-10T12:00:00Z");
const NOW = new Date("2026-03-20T12:00:00Z");
const at = (hoursFromDue: number) => new Date(DUE.getTime() + hoursFromDue * 3_600_000);

describe.each(testBackends())("class dashboard queries on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course;
  const ids: Record<string, string> = {};
  const assignment: Record<string, string> = {};

  async function addUser(key: string, name: string) {
    const [row] = await handle.db.insert(users).values({ email: `${key}@x.test`, name }).returning();
    ids[key] = row!.id;
  }

  async function submit(user: string, exercise: string, createdAt: Date, score: number | null, options: { mode?: "run" | "submit"; status?: "graded" | "error" | "queued"; tests?: Array<[string, boolean, string?]> } = {}) {
    const [row] = await handle.db
      .insert(submissions)
      .values({
        userId: ids[user]!,
        assignmentId: assignment[exercise]!,
        exerciseId: exercise.replace(/^other-/, "").replace(/^quietA/, "a").replace(/^quietB/, "b"),
        exerciseVersion: "v1",
        mode: options.mode ?? "submit",
        code: `// ${user} <script>alert(1)</script>`,
        variantSeed: 1,
        status: options.status ?? "graded",
        verdict: options.status === "queued" ? null : "graded",
        score,
        createdAt,
        // A second in the queue, then half a second of grading; the student saw it 200 ms later.
        claimedAt: options.status === "queued" ? null : new Date(createdAt.getTime() + 1000),
        startedAt: options.status === "queued" ? null : new Date(createdAt.getTime() + 1000),
        firstSeenAt: options.status === "queued" ? null : new Date(createdAt.getTime() + 1700),
        gradedAt: options.status === "queued" ? null : new Date(createdAt.getTime() + 1500),
      })
      .returning();
    const tests = options.tests ?? [];
    if (tests.length > 0) {
      await handle.db.insert(testResults).values(
        tests.map(([name, passed, misconception], position) => ({ submissionId: row!.id, position, name, hidden: true, passed, misconception: passed ? null : (misconception ?? null) })),
      );
    }
    return row!.id;
  }

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const db = handle.db;
    course = await createCourse(db, { slug: "c1", title: "C1", timeZone: "Europe/Paris" });
    const other = await createCourse(db, { slug: "c2", title: "C2" });
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "v1" },
      { id: "batching", title: "Batching", topic: "epochs", kind: "code", points: 10, difficulty: "easy", currentVersion: "v1" },
    ]);
    assignment.adam = (await createAssignment(db, course.id, { exerciseId: "adam", dueAt: DUE, points: 10, latePolicy: "penalty", latePenaltyPerDay: 20, lateCutoffAt: at(72) })).id;
    assignment.batching = (await createAssignment(db, course.id, { exerciseId: "batching", points: 5 })).id;
    assignment["other-adam"] = (await createAssignment(db, other.id, { exerciseId: "adam", points: 10 })).id;
    for (const [key, name] of [["ann", "Ann"], ["bob", "Bob"], ["cat", "Cat"], ["dan", "Dan"], ["tess", "Tess TA"], ["olga", "Olga Other"]] as const) await addUser(key, name);
    for (const key of ["ann", "bob", "cat", "dan"]) await enrolUser(db, course.id, ids[key]!, "student");
    await enrolUser(db, course.id, ids.tess!, "ta");
    await enrolUser(db, other.id, ids.olga!, "student");
    await enrolUser(db, other.id, ids.ann!, "student");

    const tests = (bias: boolean, squared: boolean): Array<[string, boolean, string?]> => [
      ["bias step 1", bias, "no-bias-correction"],
      ["bias step 2", bias, "no-bias-correction"],
      ["g squared", squared, "g-not-squared"],
    ];
    // Ann: wrong on time, then full marks 30 h late (2 started days: 60 %); best counted = max(0.5, 0.6) = 0.6.
    await submit("ann", "adam", at(-5), 0.5, { tests: tests(false, true) });
    await submit("ann", "adam", at(30), 1, { tests: tests(true, true) });
    // A run-mode attempt with full marks never counts; neither does a full mark after the cut-off.
    await submit("ann", "adam", at(-4), 1, { mode: "run" });
    // Bob: full marks on time after one failure; his latest attempt (a regression) fails g squared.
    await submit("bob", "adam", at(-10), 0, { tests: tests(false, false) });
    await submit("bob", "adam", at(-9), 1, { tests: tests(true, true) });
    await submit("bob", "adam", at(-8), 2 / 3, { tests: tests(true, false) });
    // Cat: only after the cut-off (counts 0); her latest fails the bias tests.
    await submit("cat", "adam", at(80), 0.25, { tests: tests(false, true) });
    // Dan: nothing graded yet on adam; solved batching.
    await submit("dan", "adam", at(-1), null, { status: "queued" });
    await submit("dan", "batching", at(0), 1);
    // The TA's attempt and the other course's are never included.
    await submit("tess", "adam", at(-2), 0, { tests: tests(false, false) });
    await submit("olga", "other-adam", at(-2), 0, { tests: tests(false, false) });
    await submit("ann", "other-adam", at(-2), 0, { tests: tests(false, false) });
    await db.insert(assignmentOpens).values({ assignmentId: assignment.adam!, userId: ids.bob!, firstOpenedAt: at(-11) });
  });
  afterAll(async () => {
    await drop?.();
  });

  it("computes the counted score with the late penalty, attempts and status per cell, for this course's students only", async () => {
    const { scope, matrix } = await getClassDashboard(handle.db, course);
    expect(scope.students.map((student) => student.name)).toEqual(["Ann", "Bob", "Cat", "Dan"]);
    const adam = matrix.get(assignment.adam!)!;
    expect(adam.get(ids.ann!)).toMatchObject({ attempts: 2, status: "attempted", points: 6 });
    expect(adam.get(ids.ann!)!.score).toBeCloseTo(0.6, 10);
    expect(adam.get(ids.bob!)).toMatchObject({ attempts: 3, score: 1, points: 10, status: "solved" });
    expect(adam.get(ids.cat!)).toMatchObject({ attempts: 1, score: 0, status: "attempted" });
    expect(adam.get(ids.dan!)).toMatchObject({ attempts: 1, score: null, points: null, status: "attempted" });
    expect(adam.has(ids.tess!)).toBe(false);
    expect(matrix.get(assignment.batching!)!.get(ids.dan!)).toMatchObject({ score: 1, points: 5, status: "solved" });
    expect([...matrix.keys()]).not.toContain(assignment["other-adam"]);
  });

  it("summarises each assignment: solved share, distributions and time to full marks", async () => {
    const { summaries } = await getClassDashboard(handle.db, course);
    const adam = summaries.find((summary) => summary.exerciseId === "adam")!;
    expect(adam).toMatchObject({ students: 4, attempted: 4, solved: 1, solvedShare: 0.25, medianAttempts: 1.5 });
    expect(adam.attemptsDistribution.slice(0, 3).map((bucket) => bucket.students)).toEqual([2, 1, 1]);
    // Counted scores: Ann 0.6, Bob 1, Cat 0 (Dan has none graded).
    const scores = Object.fromEntries(adam.scoreDistribution.map((bucket) => [bucket.label, bucket.students]));
    expect(scores).toMatchObject({ "0–9 %": 1, "60–69 %": 1, "100 %": 1 });
    expect(adam.scoreDistribution.reduce((sum, bucket) => sum + bucket.students, 0)).toBe(3);
    // Bob opened at -11 h, full marks at -9 h; Ann has no open time: from her first submission (-5 h) to +30 h; Cat's full marks come later.
    expect(adam.timesMeasured).toBe(2);
    expect(adam.timesFromFirstSubmission).toBe(1);
    expect(adam.medianSecondsToFullMarks).toBe(((2 + 35) / 2) * 3600);
  });

  it("finds the hidden tests that fail most on each student's latest graded attempt, grouped by misconception", async () => {
    const { failures } = await getClassDashboard(handle.db, course, () => [assignment.adam!]);
    const adam = failures.get(assignment.adam!)!;
    // Latest graded: Ann passes all, Bob fails g squared, Cat fails both bias tests; Dan has none.
    expect(adam.tested).toBe(3);
    expect(adam.tests.map((test) => [test.name, test.failing, test.misconception])).toEqual([
      ["bias step 1", 1, "no-bias-correction"],
      ["bias step 2", 1, "no-bias-correction"],
      ["g squared", 1, "g-not-squared"],
    ]);
    expect(adam.groups.map((group) => [group.misconception, group.failing, group.tests.length])).toEqual(
      expect.arrayContaining([
        ["no-bias-correction", 1, 2],
        ["g-not-squared", 1, 1],
      ]),
    );
    expect(adam.groups.find((group) => group.misconception === "no-bias-correction")!.share).toBeCloseTo(1 / 3, 10);
    expect(failures.has(assignment.batching!)).toBe(false);
  });

  it("counts submissions per day in the course's time zone, submit mode and students only", async () => {
    const { overTime } = await getClassDashboard(handle.db, course);
    const total = overTime.reduce((sum, day) => sum + day.total, 0);
    // Ann 2, Bob 3, Cat 1, Dan 2 (one queued): the run-mode, TA and other-course attempts are left out.
    expect(total).toBe(8);
    // DUE is 13:00 in Paris on 10 March; Ann's +30 h attempt lands on 11 March at 19:00 Paris time.
    expect(overTime.find((day) => day.day === "2026-03-11")?.byAssignment[assignment.adam!]).toBe(1);
    expect(overTime.every((day) => Object.keys(day.byAssignment).every((id) => id === assignment.adam || id === assignment.batching))).toBe(true);
  });

  it("lists one student's attempts with timing, late flag and code, in this course only", async () => {
    const scope = await getCourseScope(handle.db, course);
    const attempts = await getStudentAttempts(handle.db, scope, ids.ann!);
    expect(attempts.map((attempt) => [attempt.score, attempt.late, attempt.gradingMs, attempt.queueWaitMs, attempt.seenAfterMs])).toEqual([
      [0.5, false, 500, 1000, 1700],
      [1, true, 500, 1000, 1700],
    ]);
    expect(attempts[1]!.penaltyFactor).toBeCloseTo(0.6, 10);
    expect(attempts[0]!.tests.map((test) => test.name)).toEqual(["bias step 1", "bias step 2", "g squared"]);
  });

  it("exports a gradebook and a per-submission list that agree with the cells", async () => {
    const classGrades = await getClassGrades(handle.db, course, NOW);
    const gradebook = buildGradebook(classGrades);
    expect(gradebook[0]).toEqual([
      "email",
      "name",
      "course grade (%)",
      "Adam (points of 10)",
      "Adam (%)",
      "Batching (points of 5)",
      "Batching (%)",
      "adam (10)",
      "batching (5)",
      "dropped",
      "overrides",
    ]);
    // No categories: points over points possible of what counts. Adam is past due (missing work 0);
    // Batching has no due date, so it counts only for Dan, who has a graded Submit on it.
    expect(gradebook.slice(1)).toEqual([
      ["ann@x.test", "Ann", 60, 6, 60, null, null, 6, null, "", ""],
      ["bob@x.test", "Bob", 100, 10, 100, null, null, 10, null, "", ""],
      ["cat@x.test", "Cat", 0, 0, 0, null, null, 0, null, "", ""],
      ["dan@x.test", "Dan", 33.33, 0, 0, 5, 100, null, 5, "", ""],
    ]);
    const { scope } = classGrades;
    const rows = await buildSubmissionExport(handle.db, scope);
    expect(rows.length - 1).toBe(8);
    const counted = rows.slice(1).filter((row) => row[10] === true).map((row) => [row[1], row[8]]);
    expect(counted).toEqual(
      expect.arrayContaining([
        ["bob@x.test", 1],
        ["ann@x.test", 1],
        ["cat@x.test", 0.25],
        ["dan@x.test", 1],
      ]),
    );
  });

  it("writes the gradebook CSV that the inserted rows imply", async () => {
    const parsed = parseCsv(await getGradebookCsv(handle.db, course, NOW)).map((row) => row.fields);
    expect(parsed.slice(1)).toEqual([
      ["ann@x.test", "Ann", "60", "6", "60", "", "", "6", "", "", ""],
      ["bob@x.test", "Bob", "100", "10", "100", "", "", "10", "", "", ""],
      ["cat@x.test", "Cat", "0", "0", "0", "", "", "0", "", "", ""],
      ["dan@x.test", "Dan", "33.33", "0", "0", "5", "100", "", "5", "", ""],
    ]);
  });

  it("reports a member's attempts and nobody else's", async () => {
    const report = await findStudentReport(handle.db, course, ids.bob!);
    expect(report?.assignments.find((entry) => entry.exerciseId === "adam")).toMatchObject({ counted: 1 });
    expect(report?.assignments.find((entry) => entry.exerciseId === "adam")?.attempts).toHaveLength(3);
    expect((await findStudentReport(handle.db, course, ids.tess!))?.student.role).toBe("ta");
    expect(await findStudentReport(handle.db, course, ids.olga!)).toBeNull();
    expect(await findStudentReport(handle.db, course, "not-a-uuid")).toBeNull();
  });

  it("opens on the assignment a student submitted to last, not on the first one, and names columns by title", async () => {
    const quiet = await createCourse(handle.db, { slug: "c3", title: "C3" });
    const first = await createAssignment(handle.db, quiet.id, { exerciseId: "adam" });
    const second = await createAssignment(handle.db, quiet.id, { exerciseId: "batching" });
    await enrolUser(handle.db, quiet.id, ids.bob!, "student");
    expect((await getDashboardPageData(handle.db, quiet)).selected?.summary.exerciseId).toBe("adam"); // nobody submitted: the first

    assignment.quietAdam = first.id;
    assignment.quietBatching = second.id;
    await submit("bob", "quietAdam", at(-5), 1);
    await submit("bob", "quietBatching", at(-3), 0.5);
    await submit("bob", "quietAdam", at(-4), 1, { mode: "run" }); // a run is no activity a dashboard shows
    const data = await getDashboardPageData(handle.db, quiet);
    expect(data.selected?.summary.exerciseId).toBe("batching");
    expect(data.columns.map((column) => column.title)).toEqual(["Adam", "Batching"]);
    // An explicit choice still wins.
    expect((await getDashboardPageData(handle.db, quiet, "adam")).selected?.summary.exerciseId).toBe("adam");
  });

  it("tells apart the two assignments of an exercise that sits in two assessments: dashboard, student report, submissions CSV", async () => {
    const shared = await createCourse(handle.db, { slug: "c4", title: "C4" });
    const setA = await createAssessment(handle.db, shared.id, { title: "Set A" });
    const setB = await createAssessment(handle.db, shared.id, { title: "Set B" });
    const adamA = await addExerciseToAssessment(handle.db, shared.id, setA.id, { exerciseId: "adam" });
    const adamB = await addExerciseToAssessment(handle.db, shared.id, setB.id, { exerciseId: "adam" });
    const batchingB = await addExerciseToAssessment(handle.db, shared.id, setB.id, { exerciseId: "batching" });
    await enrolUser(handle.db, shared.id, ids.cat!, "student");
    const attempt = { userId: ids.cat!, exerciseId: "adam", exerciseVersion: "v1", mode: "submit" as const, code: "x", variantSeed: 1, status: "graded" as const, verdict: "graded" };
    await handle.db.insert(submissions).values([
      { ...attempt, assignmentId: adamA.id, score: 0.5, createdAt: at(-10), gradedAt: at(-10) },
      { ...attempt, assignmentId: adamB.id, score: 1, createdAt: at(-5), gradedAt: at(-5) },
    ]);

    // The dashboard opens on the second copy (the latest activity), and each copy can be picked by its assignment id.
    const opened = await getDashboardPageData(handle.db, shared);
    expect(opened.selected?.summary).toMatchObject({ assignmentId: adamB.id, label: "Set B: Adam" });
    expect(opened.columns.map((column) => [column.id, column.label])).toEqual([
      [adamA.id, "Set A: Adam"],
      [adamB.id, "Set B: Adam"],
      [batchingB.id, "Batching"],
    ]);
    expect(new Set(opened.columns.map((column) => column.label)).size).toBe(3);
    expect((await getDashboardPageData(handle.db, shared, adamA.id)).selected?.summary).toMatchObject({ assignmentId: adamA.id, solved: 0, attempted: 1 });
    expect((await getDashboardPageData(handle.db, shared, adamB.id)).selected?.summary).toMatchObject({ assignmentId: adamB.id, solved: 1 });
    // An old link by exercise id opens the exercise's first assignment.
    expect((await getDashboardPageData(handle.db, shared, "adam")).selected?.summary.assignmentId).toBe(adamA.id);

    // The staff's student page: one section per assignment, named with its assessment.
    const report = await findStudentReport(handle.db, shared, ids.cat!);
    expect(report?.assignments.map((entry) => [entry.assignmentId, entry.label, entry.counted, entry.attemptCount])).toEqual([
      [adamA.id, "Set A: Adam", 0.5, 1],
      [adamB.id, "Set B: Adam", 1, 1],
      [batchingB.id, "Set B: Batching", null, 0],
    ]);

    // The submissions CSV names the assessment next to the exercise.
    const csv = await buildSubmissionExport(handle.db, await getCourseScope(handle.db, shared));
    expect(csv[0]).toEqual([...SUBMISSION_EXPORT_HEADER]);
    expect(SUBMISSION_EXPORT_HEADER.slice(2, 4)).toEqual(["assessment", "exercise"]);
    expect(csv.slice(1).map((row) => [row[2], row[3], row[8], row[10]])).toEqual([
      ["Set A", "adam", 0.5, true],
      ["Set B", "adam", 1, true],
    ]);
  });
});
