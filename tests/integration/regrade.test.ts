import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { regrades, submissionGradings, submissions, testResults, type Assignment, type User } from "@/lib/db/schema";
import { loadCatalogue, type LoadedExercise } from "@/lib/exercises/catalogue";
import type { QuizPackage } from "@/lib/exercises/loader";
import { createVariant } from "@/lib/exercises/quiz";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import type { GradingArtefact } from "@/lib/grading/artefact";
import type { EngineResult } from "@/lib/grading/result";
import type { CodeGrader } from "@/lib/submissions/grading-service";
import { claimSubmission, recordGradeOutcome } from "@/lib/submissions/lifecycle";
import { createSubmission } from "../helpers/queued-submission";
import { quizAnswerKey as answerKey } from "@/lib/exercises/kinds/quiz";
import { findLatestRegrade, getRegradeProgress, recordRegradeAbandoned, regradeSubmission, requestRegrade, startRegrade } from "@/lib/submissions/regrade";
import { listGradedVersions, summarizeRegrade } from "@/lib/submissions/regrade-report";
import { createUser } from "@/lib/users/users";
import { getCourseScope } from "@/lib/progress/scope";
import { getStudentAttempts } from "@/lib/progress/student-attempts";
import { testBackends } from "../helpers/test-database";

/** Passes every test of `batching` for code that uses Math.ceil, none otherwise; fails on demand. */
class FakeGrader implements CodeGrader {
  calls = 0;
  failNext = false;
  constructor(private readonly pkg: LoadedExercise) {}
  async grade(_exercise: GradingArtefact, source: string): Promise<EngineResult> {
    this.calls++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error("grader child died");
    }
    if (this.pkg.pkg.kind === "quiz") throw new Error("not a code exercise");
    const right = source.includes("Math.ceil");
    const names = [...this.pkg.pkg.exercise.examples, ...this.pkg.pkg.exercise.tests].map((test) => test.name);
    return { status: "graded", score: right ? 1 : 0, durationMs: 1, console: "", tests: names.map((name) => ({ name, passed: right, message: right ? "" : "wrong" })) };
  }
}

describe.each(testBackends())("regrading an assignment on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let instructor: User, ta: User, student: User, student2: User, outsider: User;
  let codeAssignment: Assignment, quizAssignment: Assignment, otherCourseAssignment: Assignment;
  let batching: LoadedExercise, quiz: LoadedExercise;
  let grader: FakeGrader;
  const enqueued: Array<{ regradeId: string; ids: readonly string[] }> = [];
  const enqueue = async (_tx: unknown, regradeId: string, ids: readonly string[]) => {
    enqueued.push({ regradeId, ids });
  };

  /** A code attempt graded long ago against version "v-old", with one stored test result. */
  async function gradedAttempt(user: User, assignment: Assignment, code: string, mode: "run" | "submit" = "submit") {
    const row = await createSubmission(handle.db, { userId: user.id, assignmentId: assignment.id, exerciseId: assignment.exerciseId, exerciseVersion: "v-old", code, mode, variantSeed: 1 });
    const attempt = (await claimSubmission(handle.db, row.id))!;
    await recordGradeOutcome(handle.db, row.id, attempt, {
      status: "graded",
      score: 0.5,
      console: "",
      tests: [{ name: "old test", passed: true, message: "", hidden: true }],
    });
    return row.id;
  }

  const stored = async (id: string) => ({
    submission: (await handle.db.select().from(submissions).where(eq(submissions.id, id)))[0]!,
    tests: await handle.db.select().from(testResults).where(eq(testResults.submissionId, id)).orderBy(asc(testResults.position)),
    archive: await handle.db.select().from(submissionGradings).where(eq(submissionGradings.submissionId, id)),
  });

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching", "steps-per-epoch"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    batching = catalogue.exercises.find((entry) => entry.pkg.exercise.id === "batching")!;
    quiz = catalogue.exercises.find((entry) => entry.pkg.exercise.id === "steps-per-epoch")!;
    grader = new FakeGrader(batching);
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    const other = await createCourse(handle.db, { slug: "other", title: "Other" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "Ines" });
    ta = await createUser(handle.db, { email: "t@example.org", name: "Tom" });
    student = await createUser(handle.db, { email: "s@example.org", name: "Sam" });
    student2 = await createUser(handle.db, { email: "r@example.org", name: "Rae" });
    outsider = await createUser(handle.db, { email: "x@example.org", name: "Xan" });
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    await enrolUser(handle.db, course.id, ta.id, "ta");
    await enrolUser(handle.db, course.id, student.id, "student");
    await enrolUser(handle.db, course.id, student2.id, "student");
    await enrolUser(handle.db, other.id, outsider.id, "instructor");
    codeAssignment = await createAssignment(handle.db, course.id, { exerciseId: "batching" });
    quizAssignment = await createAssignment(handle.db, course.id, { exerciseId: "steps-per-epoch" });
    otherCourseAssignment = await createAssignment(handle.db, other.id, { exerciseId: "batching" });
  });
  afterAll(async () => {
    await drop?.();
  });

  it("regrades only graded submit attempts, archives old results, replaces tests and counts to the end", async () => {
    const right = await gradedAttempt(student, codeAssignment, "export const stepsPerEpoch = (n, b) => Math.ceil(n / b)");
    const wrong = await gradedAttempt(student2, codeAssignment, "export const stepsPerEpoch = (n, b) => Math.floor(n / b)");
    await gradedAttempt(student, codeAssignment, "Math.ceil", "run");
    await createSubmission(handle.db, { userId: student2.id, assignmentId: codeAssignment.id, exerciseId: "batching", exerciseVersion: "v-old", code: "queued", variantSeed: 1 });
    await gradedAttempt(student, otherCourseAssignment, "Math.ceil");
    expect(await listGradedVersions(handle.db, codeAssignment.id)).toEqual([{ version: "v-old", submissions: 2 }]);

    const { regradeId, total } = await startRegrade(handle.db, { assignmentId: codeAssignment.id, requestedBy: instructor.id }, enqueue);
    expect(total).toBe(2);
    expect(enqueued.at(-1)).toEqual({ regradeId, ids: [right, wrong] });
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ exerciseVersion: batching.contentHash, total: 2, done: 0, failed: 0, finished: false });
    await expect(startRegrade(handle.db, { assignmentId: codeAssignment.id, requestedBy: instructor.id }, enqueue)).rejects.toMatchObject({ code: "CONFLICT" });

    await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: right });
    const after = await stored(right);
    expect(after.submission).toMatchObject({ status: "graded", verdict: "graded", score: 1, exerciseVersion: batching.contentHash });
    expect(after.archive).toHaveLength(1);
    expect(after.archive[0]).toMatchObject({ regradeId, exerciseVersion: "v-old", verdict: "graded", score: 0.5 });
    expect(after.archive[0]!.tests).toEqual([{ position: 0, name: "old test", hidden: true, passed: true, message: "", misconception: null }]);
    expect(after.tests.map((test) => test.name)).not.toContain("old test");
    expect(after.tests.find((test) => test.name === "example: stepsPerEpoch(10, 3)")).toMatchObject({ hidden: false, passed: true });
    expect(after.tests.find((test) => test.name === "steps with a smaller last batch")).toMatchObject({ hidden: true, passed: true });
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 1, failed: 0, finished: false });

    await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: wrong });
    const wrongAfter = await stored(wrong);
    expect(wrongAfter.submission.score).toBe(0);
    expect(wrongAfter.tests.find((test) => test.name === "steps with a smaller last batch")).toMatchObject({ passed: false, misconception: "floor-instead-of-ceil" });
    const progress = await findLatestRegrade(handle.db, codeAssignment.id);
    expect(progress).toMatchObject({ id: regradeId, done: 2, failed: 0, finished: true });
    expect(progress!.finishedAt).toBeInstanceOf(Date);

    const report = await summarizeRegrade(handle.db, regradeId);
    expect(report).toMatchObject({ regraded: 2, changed: 2, up: 1, down: 1 });
    expect(report.rows.map((row) => [row.studentName, row.oldScore, row.newScore])).toEqual([
      ["Rae", 0.5, 0],
      ["Sam", 0.5, 1],
    ]);
    expect(report.rows[0]!.history).toMatchObject([{ exerciseVersion: "v-old", score: 0.5 }]);
  });

  it("a second delivery of a job is a no-op, and a finished regrade lets another start", async () => {
    const id = await gradedAttempt(student, codeAssignment, "Math.ceil again");
    const { regradeId, total } = await startRegrade(handle.db, { assignmentId: codeAssignment.id, requestedBy: instructor.id }, enqueue);
    expect(total).toBe(3);
    await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: id });
    const callsBefore = grader.calls;
    const first = await stored(id);
    await Promise.all([
      regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: id }),
      regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: id }),
    ]);
    const second = await stored(id);
    expect(second.archive).toHaveLength(1);
    expect(second.tests).toEqual(first.tests);
    expect(grader.calls).toBe(callsBefore);
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 1, failed: 0, finished: false });
    for (const submissionId of enqueued.at(-1)!.ids) await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId });
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 3, failed: 0, finished: true });
  });

  it("a grader failure counts as failed and keeps the old result", async () => {
    const id = await gradedAttempt(student, codeAssignment, "Math.ceil");
    await handle.db.update(regrades).set({ finishedAt: new Date() }).where(eq(regrades.assignmentId, codeAssignment.id));
    const { regradeId } = await startRegrade(handle.db, { assignmentId: codeAssignment.id, requestedBy: instructor.id }, enqueue);
    grader.failNext = true;
    const logged: string[] = [];
    await regradeSubmission({ db: handle.db, grader, log: (line) => logged.push(line) }, { regradeId, submissionId: id });
    const after = await stored(id);
    expect(after.submission).toMatchObject({ score: 0.5, exerciseVersion: "v-old" });
    expect(after.tests.map((test) => test.name)).toEqual(["old test"]);
    expect(after.archive).toHaveLength(1);
    expect(logged.join("\n")).toContain(id);
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 0, failed: 1 });
    // The queue's dead-letter handler reporting the same job again changes nothing.
    await recordRegradeAbandoned(handle.db, { regradeId, submissionId: id });
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 0, failed: 1 });
    // Jobs that failed on every delivery still let the regrade finish, with every result kept.
    const others = enqueued.at(-1)!.ids.filter((other) => other !== id);
    for (const submissionId of others) await recordRegradeAbandoned(handle.db, { regradeId, submissionId });
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 0, failed: others.length + 1, finished: true });
    expect((await stored(others[0]!)).submission.exerciseVersion).toBe(batching.contentHash);
  });

  it("regrades a quiz with the variant stored with the attempt, not one drawn afresh", async () => {
    const pkg = quiz.pkg as { kind: "quiz" } & QuizPackage;
    const storedVariant = createVariant(pkg.quiz, 424242);
    const answers = answerKey(pkg, storedVariant);
    // The seed column names a different variant: a regrade that redrew from it would mark the answers wrong.
    expect(answerKey(pkg, createVariant(pkg.quiz, 7))).not.toEqual(answers);
    const [row] = await handle.db
      .insert(submissions)
      .values({ userId: student.id, assignmentId: quizAssignment.id, exerciseId: "steps-per-epoch", exerciseVersion: "v-old", variantSeed: 7, variant: storedVariant, answers, status: "graded", verdict: "graded", score: 0.25, gradedAt: new Date() })
      .returning();
    const { regradeId, total } = await startRegrade(handle.db, { assignmentId: quizAssignment.id, requestedBy: instructor.id }, enqueue);
    expect(total).toBe(1);
    await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: row!.id });
    const after = await stored(row!.id);
    expect(after.submission).toMatchObject({ score: 1, exerciseVersion: quiz.contentHash });
    expect(after.tests.length).toBe(pkg.quiz.questions.length);
    expect(after.tests.every((test) => test.passed && !test.hidden)).toBe(true);
    expect(after.archive[0]).toMatchObject({ score: 0.25 });
    expect(await getRegradeProgress(handle.db, regradeId)).toMatchObject({ done: 1, finished: true });
  });

  it("a quiz whose package is not loaded fails its regrade saying so, keeping the old result", async () => {
    const [row] = await handle.db
      .insert(submissions)
      .values({ userId: student2.id, assignmentId: quizAssignment.id, exerciseId: "steps-per-epoch", exerciseVersion: "v-old", variantSeed: 7, answers: {}, status: "graded", verdict: "graded", score: 0.25, gradedAt: new Date() })
      .returning();
    const { regradeId } = await startRegrade(handle.db, { assignmentId: quizAssignment.id, requestedBy: instructor.id }, enqueue);
    setCatalogue({ exercises: [batching], failures: [] });
    const errors: unknown[] = [];
    try {
      await regradeSubmission({ db: handle.db, grader, log: (_line, error) => errors.push(error) }, { regradeId, submissionId: row!.id });
    } finally {
      setCatalogue({ exercises: [batching, quiz], failures: [] });
    }
    expect(errors.map((error) => (error instanceof Error ? error.message : String(error)))).toEqual([
      "exercise steps-per-epoch is not loaded in this process: its answered attempts cannot be regraded",
    ]);
    expect((await stored(row!.id)).submission).toMatchObject({ score: 0.25, exerciseVersion: "v-old" });
  });

  it("only an instructor of the assignment's course may start a regrade", async () => {
    const input = { courseSlug: "course", assignmentId: otherCourseAssignment.id };
    await expect(requestRegrade(handle.db, instructor, input, enqueue)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestRegrade(handle.db, outsider, { courseSlug: "course", assignmentId: codeAssignment.id }, enqueue)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestRegrade(handle.db, ta, { courseSlug: "course", assignmentId: codeAssignment.id }, enqueue)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestRegrade(handle.db, student, { courseSlug: "course", assignmentId: codeAssignment.id }, enqueue)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const before = enqueued.length;
    await handle.db.update(regrades).set({ finishedAt: new Date() }).where(eq(regrades.assignmentId, codeAssignment.id));
    const started = await requestRegrade(handle.db, instructor, { courseSlug: "course", assignmentId: codeAssignment.id }, enqueue);
    expect(started.total).toBeGreaterThan(0);
    expect(enqueued.length).toBe(before + 1);
    const [row] = await handle.db.select().from(regrades).where(eq(regrades.id, started.regradeId));
    expect(row).toMatchObject({ requestedBy: instructor.id, assignmentId: codeAssignment.id });
  });

  it("a regrade of an old submission reports the regrade's own grading time, not the time since the submission", async () => {
    const course = await createCourse(handle.db, { slug: "timing", title: "Timing" });
    await enrolUser(handle.db, course.id, student.id, "student");
    const assignment = await createAssignment(handle.db, course.id, { exerciseId: "batching" });
    const id = await gradedAttempt(student, assignment, "export const stepsPerEpoch = (n, b) => Math.ceil(n / b)");
    // Submitted 1125.6 s ago and graded in 0.3 s back then.
    const submittedAt = new Date(Date.now() - 1_125_600);
    await handle.db
      .update(submissions)
      .set({ createdAt: submittedAt, startedAt: new Date(submittedAt.getTime() + 100), gradedAt: new Date(submittedAt.getTime() + 400) })
      .where(eq(submissions.id, id));
    const attemptsNow = async () => getStudentAttempts(handle.db, await getCourseScope(handle.db, course), student.id);
    expect((await attemptsNow()).map((attempt) => attempt.gradingMs)).toEqual([300]);

    const { regradeId } = await startRegrade(handle.db, { assignmentId: assignment.id, requestedBy: instructor.id }, enqueue);
    const before = Date.now();
    await regradeSubmission({ db: handle.db, grader }, { regradeId, submissionId: id });
    const elapsed = Date.now() - before;
    const [attempt] = await attemptsNow();
    expect(attempt!.gradedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(attempt!.gradingMs).toBeGreaterThanOrEqual(0);
    expect(attempt!.gradingMs).toBeLessThanOrEqual(elapsed + 5);
  });
});
