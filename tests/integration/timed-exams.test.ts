import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { grantAccommodation } from "@/lib/accommodations";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createCourse, enrolUser, type CourseMembership } from "@/lib/courses/courses";
import { assessmentStarts, assessments, drafts, examEvents, submissions, type Assessment, type User } from "@/lib/db/schema";
import { saveDraft } from "@/lib/drafts/drafts";
import { startAssessment } from "@/lib/exams/attempts";
import { closeAtDeadline, closeAtTimeUp, finishAssessment, getExamStateClosingIfDue as getExamState } from "@/lib/workflows/exam-close";
import { finalizeAssessment } from "@/lib/workflows/finalize-exam";
import { handleExamRequest } from "@/lib/workflows/exam-request";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { EXAM_DEADLINE_JOB } from "@/lib/queue/job-types";
import { getQueueDepth } from "@/lib/queue/stats";
import { PGBOSS_SCHEMA, workQueueOf } from "@/lib/queue/pg-boss/names";
import { startQueueNode, type QueueNode } from "@/lib/startup/queue-node";
import { createStudentSubmission, type SubmissionRequest } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/users";
import { queueBackends, ScriptedGrader, waitFor } from "./queue-fixtures";

const MIN = 60_000;
const GRACE = 15_000;

describe.each(queueBackends())("timed assessments on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let node: QueueNode;
  // Real time: the time-up jobs this test sends are due 20+ minutes from now, so none is delivered during it.
  const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
  const at = (ms: number) => new Date(T0.getTime() + ms);
  let course: CourseMembership["course"];
  let instructor: User;
  let exam: Assessment;
  const students: User[] = [];
  const membership = (role: CourseMembership["role"]): CourseMembership => ({ course, role });

  const settled = () =>
    waitFor(async () => {
      const depth = await getQueueDepth(handle.db);
      return depth.queued + depth.running === 0 ? true : undefined;
    });
  const submit = (user: User, request: SubmissionRequest, now: Date, exerciseId = "batching") =>
    createStudentSubmission(handle.db, { user, courseSlug: course.slug, exerciseId, request, now });
  const start = (user: User, now: Date, accessCode: string | undefined = "ROOM-7") =>
    startAssessment(handle.db, { user, membership: membership("student"), assessment: exam, accessCode, now });
  const events = async (user: User, kind?: string) =>
    handle.db
      .select()
      .from(examEvents)
      .where(and(eq(examEvents.userId, user.id), eq(examEvents.assessmentId, exam.id), kind ? eq(examEvents.kind, kind) : undefined))
      .orderBy(examEvents.id);
  const storedJobs = async () => {
    const result = (await handle.db.execute(
      sql`select data, start_after from ${sql.raw(PGBOSS_SCHEMA)}.job where name = ${workQueueOf(EXAM_DEADLINE_JOB)} order by created_on`,
    )) as unknown;
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ data: { userId: string }; start_after: Date | string }>;
    return rows.map((row) => ({ userId: row.data.userId, startAfter: new Date(row.start_after) }));
  };

  beforeAll(async () => {
    let url: string | undefined;
    ({ handle, url, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching", "softmax"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    node = await startQueueNode({ database: handle, databaseUrl: url, instanceName: "timed-test", grading: { grader: new ScriptedGrader(), concurrency: 1 } });
    course = await createCourse(handle.db, { slug: "course", title: "Course" });
    instructor = await createUser(handle.db, { email: "i@example.org", name: "I" });
    await enrolUser(handle.db, course.id, instructor.id, "instructor");
    for (let i = 0; i < 6; i++) {
      const student = await createUser(handle.db, { email: `s${i}@example.org`, name: `S${i}` });
      await enrolUser(handle.db, course.id, student.id, "student");
      students.push(student);
    }
    const created = await createAssessment(handle.db, course.id, { title: "Midterm", opensAt: at(-MIN), dueAt: at(24 * 60 * MIN), timeLimitMinutes: 20, attemptLimit: 3 });
    await addExerciseToAssessment(handle.db, course.id, created.id, { exerciseId: "batching" });
    await addExerciseToAssessment(handle.db, course.id, created.id, { exerciseId: "softmax" });
    const [updated] = await handle.db.update(assessments).set({ accessCode: "ROOM-7" }).where(eq(assessments.id, created.id)).returning();
    exam = updated!;
    await grantAccommodation(handle.db, { courseId: course.id, actorId: instructor.id }, { target: { userId: students[0]!.id }, assessmentId: exam.id, timeMultiplier: 1.5 });
  });
  afterAll(async () => {
    await node?.shutdown(1_000);
    await drop?.();
  });

  it("refuses Submit and drafts before the start, and tells the accommodated time", async () => {
    const [s0] = students;
    await expect(submit(s0!, { code: "Math.ceil", mode: "submit" }, at(0))).rejects.toMatchObject({ code: "FORBIDDEN", message: "Start the assessment first." });
    await expect(submit(s0!, { code: "Math.ceil", mode: "run" }, at(0))).rejects.toMatchObject({ code: "FORBIDDEN", message: "Start the assessment first." });
    await expect(saveDraft(handle.db, s0!, course.slug, "batching", { code: "draft" }, at(0))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getExamState(handle.db, { assessment: exam, userId: s0!.id, now: at(0) })).toMatchObject({ status: "not_started", minutes: 30, multiplier: 1.5 });
    expect(await handle.db.select().from(submissions)).toHaveLength(0);
  });

  it("refuses a wrong access code and staff, and rate-limits wrong tries", async () => {
    const [s0, , , , , s5] = students;
    await expect(start(s0!, at(0), "room-8")).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("access code") });
    await expect(start(s0!, at(0), "")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      handleExamRequest(handle.db, { user: instructor, membership: membership("instructor"), assessment: exam, now: at(0) }, { action: "start", accessCode: "ROOM-7" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await handle.db.select().from(assessmentStarts)).toHaveLength(0);
    for (let i = 0; i < 5; i++) await expect(start(s5!, at(i * 1000), "wrong")).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The sixth wrong try within five minutes waits, and so does the right code until the window moves on.
    await expect(start(s5!, at(6000), "ROOM-7")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await handle.db.select().from(assessmentStarts).where(eq(assessmentStarts.userId, s5!.id))).toHaveLength(0);
  });

  it("starts once: the clock runs from the first start with the multiplier, a second start never resets it", async () => {
    const [s0] = students;
    const first = await start(s0!, at(0), " ROOM-7 ");
    expect(first).toMatchObject({ status: "in_progress", startedAt: at(0), deadline: at(30 * MIN), remainingMs: 30 * MIN, minutes: 30, multiplier: 1.5 });
    const again = await start(s0!, at(5 * MIN), "ROOM-7");
    expect(again).toMatchObject({ status: "in_progress", startedAt: at(0), deadline: at(30 * MIN), remainingMs: 25 * MIN });
    expect((await events(s0!, "start")).map((event) => event.at)).toEqual([at(0)]);
    // One time-up job, due at the deadline plus the grace.
    expect((await storedJobs()).filter((job) => job.userId === s0!.id).map((job) => job.startAfter)).toEqual([at(30 * MIN + GRACE)]);
  });

  it("takes Submits, drafts and Runs while in progress, logs them, and applies the multiplier to the deadline", async () => {
    const [s0] = students;
    const made = await submit(s0!, { code: "Math.ceil", mode: "submit" }, at(MIN));
    await settled();
    await saveDraft(handle.db, s0!, course.slug, "batching", { code: "one" }, at(2 * MIN));
    await saveDraft(handle.db, s0!, course.slug, "batching", { code: "two" }, at(2 * MIN + 10_000));
    await saveDraft(handle.db, s0!, course.slug, "batching", { code: "three" }, at(2 * MIN + 40_000));
    expect((await events(s0!, "save")).length).toBe(2);
    const run = await submit(s0!, { code: "Math.ceil", mode: "run" }, at(3 * MIN));
    await settled();
    expect((await events(s0!, "run")).map((event) => event.detail)).toEqual([{ exerciseId: "batching", submissionId: run.id }]);
    expect((await events(s0!, "submit")).map((event) => event.detail)).toEqual([{ exerciseId: "batching", submissionId: made.id }]);
    // Past the 20-minute limit but within this student's 30 minutes.
    const late = await submit(s0!, { code: "Math.ceil // again", mode: "submit" }, at(25 * MIN));
    expect(late.status).toBe("queued");
    await settled();
    // Within the grace after the deadline: the Submit sent at zero still lands.
    await submit(s0!, { code: "Math.ceil // at zero", mode: "submit" }, at(30 * MIN + GRACE - 1000));
    await settled();
  });

  it("refuses Submits and drafts after the deadline plus the grace, closing the work", async () => {
    const [s0] = students;
    const after = at(30 * MIN + GRACE + 1000);
    await expect(submit(s0!, { code: "too late", mode: "submit" }, after)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/^Time is up/) });
    await expect(saveDraft(handle.db, s0!, course.slug, "batching", { code: "too late" }, after)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/^Time is up/) });
    expect(await getExamState(handle.db, { assessment: exam, userId: s0!.id, now: after })).toMatchObject({ status: "finished", finishReason: "time_up" });
    expect(await handle.db.select().from(submissions).where(eq(submissions.code, "too late"))).toHaveLength(0);
  });

  it("finalize submits the drafts newer than the last Submit, once, even when called twice at the same time", async () => {
    const [, s1] = students;
    await start(s1!, at(0));
    await submit(s1!, { code: "export const v = 1; // Math.ceil", mode: "submit" }, at(MIN));
    await settled();
    await saveDraft(handle.db, s1!, course.slug, "batching", { code: "export const v = 2;" }, at(2 * MIN));
    await saveDraft(handle.db, s1!, course.slug, "softmax", { code: "export const soft = 1;" }, at(3 * MIN));
    const now = at(20 * MIN);
    const [a, b] = await Promise.all([
      closeAtTimeUp(handle.db, { assessment: exam, userId: s1!.id, now }),
      finalizeAssessment(handle.db, { assessmentId: exam.id, userId: s1!.id, reason: "time_up", now }),
    ]);
    expect(a).toMatchObject({ status: "finished", finishReason: "time_up" });
    expect(b.finalized === true || b.submissionIds.length === 0).toBe(true);
    const auto = await handle.db.select().from(submissions).where(and(eq(submissions.userId, s1!.id), eq(submissions.createdAt, now)));
    expect(auto.map((row) => [row.exerciseId, row.code, row.mode]).sort()).toEqual([
      ["batching", "export const v = 2;", "submit"],
      ["softmax", "export const soft = 1;", "submit"],
    ]);
    expect((await events(s1!, "auto_submit")).length).toBe(2);
    expect((await events(s1!, "time_up")).length).toBe(1);
    expect(await finalizeAssessment(handle.db, { assessmentId: exam.id, userId: s1!.id, reason: "time_up", now: at(21 * MIN) })).toEqual({ finalized: false, waiting: false, submissionIds: [] });
    await settled();
  });

  it("the page's close at zero waits for the server's deadline; finishing early submits drafts too", async () => {
    const [, , s2] = students;
    await start(s2!, at(0));
    await saveDraft(handle.db, s2!, course.slug, "softmax", { code: "export const early = 1;" }, at(MIN));
    expect(await closeAtTimeUp(handle.db, { assessment: exam, userId: s2!.id, now: at(19 * MIN) })).toMatchObject({ status: "in_progress", remainingMs: MIN });
    const finished = await finishAssessment(handle.db, { assessment: exam, userId: s2!.id, now: at(5 * MIN) });
    expect(finished).toMatchObject({ status: "finished", finishReason: "finished" });
    expect((await handle.db.select().from(submissions).where(eq(submissions.userId, s2!.id))).map((row) => row.code)).toEqual(["export const early = 1;"]);
    expect((await events(s2!)).map((event) => event.kind)).toEqual(["start", "save", "auto_submit", "finish"]);
    await expect(submit(s2!, { code: "after finish", mode: "submit" }, at(6 * MIN))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await settled();
  });

  it("the time-up job sends itself again when more time was granted, and closes at the new deadline", async () => {
    const [, , , s3] = students;
    await start(s3!, at(0));
    await grantAccommodation(handle.db, { courseId: course.id, actorId: instructor.id }, { target: { userId: s3!.id }, assessmentId: exam.id, timeMultiplier: 2 });
    const job = { assessmentId: exam.id, userId: s3!.id };
    expect(await closeAtDeadline(handle.db, job, at(20 * MIN + GRACE))).toEqual({ kind: "rescheduled", at: at(40 * MIN + GRACE) });
    expect((await storedJobs()).filter((stored) => stored.userId === s3!.id).map((stored) => stored.startAfter)).toEqual([at(20 * MIN + GRACE), at(40 * MIN + GRACE)]);
    expect(await closeAtDeadline(handle.db, job, at(40 * MIN + GRACE))).toEqual({ kind: "finalized" });
    expect(await closeAtDeadline(handle.db, job, at(40 * MIN + GRACE + 1))).toEqual({ kind: "done" });
    expect(await getExamState(handle.db, { assessment: exam, userId: s3!.id, now: at(41 * MIN) })).toMatchObject({ status: "finished", finishReason: "time_up" });
  });

  it("Run is refused to students when the assessment turns it off; staff still run", async () => {
    const [, , , , s4] = students;
    await handle.db.update(assessments).set({ allowRun: false }).where(eq(assessments.id, exam.id));
    await start(s4!, at(0));
    await expect(submit(s4!, { code: "x", mode: "run" }, at(MIN))).rejects.toMatchObject({ code: "FORBIDDEN", message: "Run is turned off for this assessment." });
    const staffRun = await submit(instructor, { code: "x", mode: "run" }, at(MIN));
    expect(staffRun.status).toBe("queued");
    await settled();
    await handle.db.update(assessments).set({ allowRun: true }).where(eq(assessments.id, exam.id));
  });

  it("a draft of an exercise that also sits in untimed work is kept (drafts are per exercise), and logs nothing", async () => {
    const [, , , , , s5] = students;
    await expect(saveDraft(handle.db, s5!, course.slug, "batching", { code: "homework" }, at(MIN))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const homework = await createAssessment(handle.db, course.id, { title: "Homework" });
    await addExerciseToAssessment(handle.db, course.id, homework.id, { exerciseId: "batching" });
    await expect(saveDraft(handle.db, s5!, course.slug, "batching", { code: "homework" }, at(MIN))).resolves.toMatchObject({ code: "homework" });
    expect(await events(s5!)).toEqual([]);
  });

  it("the deadline never passes the student's window: the due date without late work, their extension, the late cut-off", async () => {
    const soon = await createAssessment(handle.db, course.id, { title: "Due soon", opensAt: at(-MIN), dueAt: at(10 * MIN), timeLimitMinutes: 20 });
    await addExerciseToAssessment(handle.db, course.id, soon.id, { exerciseId: "softmax" });
    const [plain, extended] = await Promise.all(["soon-a", "soon-b"].map((name) => createUser(handle.db, { email: `${name}@example.org`, name })));
    for (const user of [plain!, extended!]) await enrolUser(handle.db, course.id, user.id, "student");
    await grantAccommodation(handle.db, { courseId: course.id, actorId: instructor.id }, { target: { userId: extended!.id }, assessmentId: soon.id, dueAt: at(15 * MIN) });
    const startSoon = (user: User) => startAssessment(handle.db, { user, membership: membership("student"), assessment: soon, accessCode: undefined, now: at(0) });
    expect(await startSoon(plain!)).toMatchObject({ status: "in_progress", deadline: at(10 * MIN), remainingMs: 10 * MIN, minutes: 20 });
    expect(await startSoon(extended!)).toMatchObject({ status: "in_progress", deadline: at(15 * MIN) });
    // The Submit sent at zero arrives after the due date, within the grace: it counts as made at the deadline, on time.
    const atZero = await createStudentSubmission(handle.db, { user: plain!, courseSlug: course.slug, exerciseId: "softmax", assessmentId: soon.id, request: { code: "export const z = 0;", mode: "submit" }, now: at(10 * MIN + 3000) });
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, atZero.id));
    expect(row!.createdAt).toEqual(at(10 * MIN));
    await settled();
    // With late work taken up to a cut-off, the cut-off ends the clock.
    const [withCutoff] = await handle.db.update(assessments).set({ latePolicy: "penalty", latePenaltyPerDay: "10", lateCutoffAt: at(12 * MIN) }).where(eq(assessments.id, soon.id)).returning();
    expect(await getExamState(handle.db, { assessment: withCutoff!, userId: plain!.id, now: at(MIN) })).toMatchObject({ deadline: at(12 * MIN) });
  });

  it("finalize leaves drafts saved before the start, waits for a grading in flight, and dates its Submits at the deadline", async () => {
    const user = await createUser(handle.db, { email: "wait@example.org", name: "Wait" });
    await enrolUser(handle.db, course.id, user.id, "student");
    // A draft of an exam exercise from before the exam (other work with the same exercise): not exam work.
    await handle.db.insert(drafts).values({ userId: user.id, exerciseId: "softmax", code: "export const before = 1;", updatedAt: at(-2 * MIN) });
    await start(user, at(0));
    await saveDraft(handle.db, user, course.slug, "batching", { code: "export const last = 1;" }, at(19 * MIN));
    // A Run sent just before zero is still grading when the work closes.
    const [inFlight] = await handle.db
      .insert(submissions)
      .values({ userId: user.id, exerciseId: "batching", exerciseVersion: "v", variantSeed: 1, mode: "run", code: "x", status: "running", createdAt: at(19 * MIN) })
      .returning();
    const late = at(25 * MIN);
    expect(await finalizeAssessment(handle.db, { assessmentId: exam.id, userId: user.id, reason: "time_up", now: late })).toEqual({ finalized: false, waiting: true, submissionIds: [] });
    expect(await closeAtDeadline(handle.db, { assessmentId: exam.id, userId: user.id }, late)).toEqual({ kind: "rescheduled", at: new Date(late.getTime() + 5_000) });
    const [open] = await handle.db.select().from(assessmentStarts).where(and(eq(assessmentStarts.userId, user.id), eq(assessmentStarts.assessmentId, exam.id)));
    expect(open!.finishedAt).toBeNull();
    // Past the deadline nothing else is taken while it waits.
    await expect(submit(user, { code: "sneaky", mode: "submit" }, late)).rejects.toMatchObject({ code: "FORBIDDEN" });

    await handle.db.update(submissions).set({ status: "graded", score: 1 }).where(eq(submissions.id, inFlight!.id));
    const outcome = await finalizeAssessment(handle.db, { assessmentId: exam.id, userId: user.id, reason: "time_up", now: at(26 * MIN) });
    expect(outcome).toMatchObject({ finalized: true, waiting: false });
    const made = await handle.db.select().from(submissions).where(and(eq(submissions.userId, user.id), eq(submissions.mode, "submit")));
    expect(made.map((row) => [row.exerciseId, row.code, row.createdAt])).toEqual([["batching", "export const last = 1;", at(20 * MIN)]]);
    await settled();
  });
});
