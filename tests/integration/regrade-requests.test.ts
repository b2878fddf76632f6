import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodations, assessments, exercises, regradeRequests, scoreOverrideAudit, submissions, type Course, type User } from "@/lib/db/schema";
import { setAssessmentRelease } from "@/lib/courses/assessment-release";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { grantAccommodation } from "@/lib/accommodations";
import { createRegradeRequest, getOwnRegradeState, getRegradeRequestDetail, listRegradeQueue, countOpenRegradeRequests, MAX_OPEN_REQUESTS_PER_STUDENT } from "@/lib/regrade-requests";
import { getCountedScore } from "@/lib/scoring/counted-score";
import { createUser } from "@/lib/users/users";
import { createExerciseHandlers } from "@/app/courses/[slug]/exercises/[exerciseId]/handlers";
import { createRegradeRequestHandlers } from "@/app/courses/[slug]/manage/regrade-requests/[requestId]/handlers";
import { testBackends } from "../helpers/test-database";

// The handlers read the process-wide database (as guards do in the app); point it at the test database.
const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

const student = (user: User) => createExerciseHandlers({ requireUser: async () => user, logError: vi.fn() });
const staff = (user: User) => createRegradeRequestHandlers({ requireUser: async () => user, logError: vi.fn() });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const HOUR = 3_600_000;
const ALL = { status: "all" } as const;

describe.each(testBackends())("regrade requests on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course, other: Course;
  let instructor: User, ta: User, lea: User, max: User, busy: User, otherInstructor: User, outsider: User;
  const assignment: Record<string, { id: string; assessmentId: string }> = {};

  /** A Submit (or Run) of `user`, stored as graded with `score` unless told otherwise. */
  async function attempt(user: User, exercise: string, score: number | null, options: { mode?: "run" | "submit"; status?: "graded" | "error" | "queued" } = {}) {
    const [row] = await handle.db
      .insert(submissions)
      .values({
        userId: user.id,
        assignmentId: assignment[exercise]!.id,
        exerciseId: exercise.replace(/^other-/, ""),
        exerciseVersion: "v",
        variantSeed: 1,
        mode: options.mode ?? "submit",
        code: `// ${user.name}`,
        status: options.status ?? "graded",
        verdict: options.status === "queued" ? null : "graded",
        score,
        createdAt: new Date(Date.now() - HOUR),
        gradedAt: options.status === "queued" ? null : new Date(),
      })
      .returning();
    return row!;
  }

  const ask = (user: User, submissionId: string, message = "Test 3 should pass: my output is right.") =>
    student(user).requestRegrade(form({ slug: "nn", submissionId, message }));
  const resolve = (user: User, requestId: string, fields: { response?: string; newScore?: string } = {}) =>
    staff(user).resolve(form({ slug: "nn", requestId, response: "Checked by hand.", newScore: "", ...fields }));

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    course = await createCourse(db, { slug: "nn", title: "Neural networks" });
    other = await createCourse(db, { slug: "other", title: "Other course" });
    const make = async (email: string, name: string) => createUser(db, { email, name });
    instructor = await make("teach@example.org", "Teach");
    ta = await make("ta@example.org", "Assistant");
    lea = await make("lea@example.org", "Lea Learner");
    max = await make("max@example.org", "Max Mustermann");
    busy = await make("busy@example.org", "Busy Bee");
    otherInstructor = await make("elsewhere@example.org", "Elsewhere");
    outsider = await make("outsider@example.org", "Outsider");
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    for (const user of [lea, max, busy]) await enrolUser(db, course.id, user.id, "student");
    await enrolUser(db, other.id, otherInstructor.id, "instructor");
    await enrolUser(db, other.id, outsider.id, "student");
    await db.insert(exercises).values([
      { id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 10, difficulty: "medium", currentVersion: "a" },
      { id: "relu", title: "ReLU", topic: "Activation functions", kind: "code", points: 5, difficulty: "easy", currentVersion: "c" },
      { id: "softmax", title: "Softmax", topic: "Activation functions", kind: "code", points: 7, difficulty: "easy", currentVersion: "b" },
    ]);
    for (const id of ["adam", "relu", "softmax"]) assignment[id] = await createAssignment(db, course.id, { exerciseId: id });
    assignment["other-adam"] = await createAssignment(db, other.id, { exerciseId: "adam" });
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    await drop?.();
  });

  describe("asking", () => {
    it("stores the owner's request on a graded Submit, trimmed, and lists it for the student", async () => {
      const submit = await attempt(lea, "adam", 0.6);
      expect(await ask(lea, submit.id, "  Test 3 should pass.  ")).toEqual({ ok: true, data: { message: "Review requested: staff will answer here." } });
      const [stored] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.submissionId, submit.id));
      expect(stored).toMatchObject({ userId: lea.id, courseId: course.id, assignmentId: assignment.adam!.id, message: "Test 3 should pass.", status: "open", response: null });
      const state = await getOwnRegradeState(handle.db, { userId: lea.id, courseId: course.id, assessmentId: assignment.adam!.assessmentId, submissionIds: [submit.id], now: new Date() });
      expect(state.mayAsk).toBe(true);
      expect(state.bySubmission[submit.id]).toEqual([expect.objectContaining({ status: "open", message: "Test 3 should pass.", response: null })]);
    });

    it("allows one open request per Submit", async () => {
      const submit = await attempt(lea, "relu", 0.4);
      expect(await ask(lea, submit.id)).toMatchObject({ ok: true });
      expect(await ask(lea, submit.id, "Again, please.")).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringMatching(/already asked/) });
      expect(await handle.db.select().from(regradeRequests).where(eq(regradeRequests.submissionId, submit.id))).toHaveLength(1);
    });

    it("is for the owner only: a classmate, staff and another course's people are refused", async () => {
      const submit = await attempt(max, "adam", 0.5);
      expect(await ask(lea, submit.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      for (const user of [instructor, ta, otherInstructor, outsider]) expect(await ask(user, submit.id), user.name).toMatchObject({ ok: false, code: "NOT_FOUND" });
      // A Submit of the other course, asked about through this course.
      const elsewhere = await attempt(outsider, "other-adam", 0.5);
      await enrolUser(handle.db, course.id, outsider.id, "student");
      expect(await ask(outsider, elsewhere.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await handle.db.select().from(regradeRequests).where(eq(regradeRequests.submissionId, submit.id))).toHaveLength(0);
    });

    it("is for graded Submits: not a Run, not one still queued or whose grading failed", async () => {
      const run = await attempt(max, "relu", 1, { mode: "run" });
      expect(await ask(max, run.id)).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringMatching(/^A Run is not graded/) });
      const queued = await attempt(max, "softmax", null, { status: "queued" });
      expect(await ask(max, queued.id)).toMatchObject({ ok: false, code: "FORBIDDEN", error: "Only a graded Submit can be reviewed." });
      await handle.db.update(submissions).set({ status: "error", verdict: "error" }).where(eq(submissions.id, queued.id));
      expect(await ask(max, queued.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await handle.db.select().from(regradeRequests).where(eq(regradeRequests.userId, max.id))).toHaveLength(0);
    });

    it("needs a message of 1 to 2000 characters, and keeps what was typed on a refusal", async () => {
      const submit = await attempt(max, "softmax", 0.2);
      expect(await ask(max, submit.id, "   ")).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { message: ["say what you would like reviewed"] } });
      expect(await ask(max, submit.id, "x".repeat(2001))).toMatchObject({ ok: false, fieldErrors: { message: ["must be at most 2000 characters"] } });
      expect(await ask(max, submit.id, "x".repeat(2000))).toMatchObject({ ok: true });
      const [stored] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.submissionId, submit.id));
      expect(stored!.message).toHaveLength(2000);
    });

    it("waits for the release of scores, judged by the student's own due date", async () => {
      const submit = await attempt(busy, "relu", 0.3);
      const reluAssessment = assignment.relu!.assessmentId;
      const setRelease = (fields: Partial<typeof assessments.$inferInsert>) => handle.db.update(assessments).set(fields).where(eq(assessments.id, reluAssessment));
      await setRelease({ releasePolicy: "manual", releasedAt: null });
      expect(await ask(busy, submit.id)).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringMatching(/not released yet/) });
      // The exercise page offers no "Ask for a review" then.
      const state = () => getOwnRegradeState(handle.db, { userId: busy.id, courseId: course.id, assessmentId: reluAssessment, submissionIds: [submit.id], now: new Date() });
      expect(await state()).toEqual({ mayAsk: false, bySubmission: {} });
      // After the due date: passed for the class, but this student's extension runs on.
      await setRelease({ releasePolicy: "after_due", dueAt: new Date(Date.now() - HOUR) });
      await grantAccommodation(handle.db, { courseId: course.id, actorId: instructor.id }, { target: { userId: busy.id }, assessmentId: reluAssessment, dueAt: new Date(Date.now() + 24 * HOUR) });
      expect(await ask(busy, submit.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      await setRelease({ releasePolicy: "manual", releasedAt: new Date(Date.now() - 1000) });
      expect((await state()).mayAsk).toBe(true);
      expect(await ask(busy, submit.id)).toMatchObject({ ok: true });
      await setRelease({ releasePolicy: "immediately", releasedAt: null, dueAt: null });
    });

    it(`allows at most ${MAX_OPEN_REQUESTS_PER_STUDENT} open requests per student and course, and rate-limits new ones`, async () => {
      const start = Date.now() + 24 * HOUR;
      const open = (await handle.db.select().from(regradeRequests).where(eq(regradeRequests.userId, busy.id))).length;
      let made = open;
      // Spread out in time, so that the rate limit does not step in first.
      for (let index = 0; made < MAX_OPEN_REQUESTS_PER_STUDENT; index++, made++) {
        const submit = await attempt(busy, "softmax", 0.1);
        await createRegradeRequest(handle.db, { courseId: course.id, userId: busy.id, submissionId: submit.id, message: `number ${made + 1}`, now: new Date(start + index * HOUR) });
      }
      const one = await attempt(busy, "softmax", 0.1);
      await expect(createRegradeRequest(handle.db, { courseId: course.id, userId: busy.id, submissionId: one.id, message: "eleven", now: new Date(start + 20 * HOUR) })).rejects.toMatchObject({
        code: "CONFLICT",
        message: `You have ${MAX_OPEN_REQUESTS_PER_STUDENT} open review requests in this course: wait for answers before you ask again.`,
      });
      // Quick ones in a row: five pass, the sixth waits.
      const quick = new Date(start + 40 * HOUR);
      for (let index = 0; index < 5; index++) {
        const submit = await attempt(max, "relu", 0.1);
        await createRegradeRequest(handle.db, { courseId: course.id, userId: max.id, submissionId: submit.id, message: "quick", now: quick });
      }
      const sixth = await attempt(max, "relu", 0.1);
      await expect(createRegradeRequest(handle.db, { courseId: course.id, userId: max.id, submissionId: sixth.id, message: "quick", now: quick })).rejects.toMatchObject({
        code: "RATE_LIMITED",
        message: expect.stringMatching(/^Too many review requests \(5 in 10 minutes\)\. Try again in \d+ s\.$/),
      });
    });
  });

  describe("the staff queue", () => {
    it("filters by status, assessment, exercise and student (name or email), open first, oldest first", async () => {
      const everything = await listRegradeQueue(handle.db, course.id, ALL);
      const total = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.courseId, course.id));
      expect(everything.total).toBe(total.length);
      expect(everything.entries.map((entry) => entry.id).sort()).toEqual(total.map((row) => row.id).sort());
      const times = everything.entries.map((entry) => entry.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const adam = await listRegradeQueue(handle.db, course.id, { status: "all", exercise: "adam" });
      expect(adam.entries.map((entry) => entry.student.name)).toEqual(["Lea Learner"]);
      expect(adam.entries[0]).toMatchObject({ exercise: { id: "adam", title: "Adam" }, score: 0.6, status: "open" });
      const byAssessment = await listRegradeQueue(handle.db, course.id, { status: "all", assessment: assignment.relu!.assessmentId });
      expect(new Set(byAssessment.entries.map((entry) => entry.exercise.id))).toEqual(new Set(["relu"]));
      expect(byAssessment.total).toBe(total.filter((row) => row.assignmentId === assignment.relu!.id).length);
      const byName = await listRegradeQueue(handle.db, course.id, { status: "all", student: "muster" });
      expect(new Set(byName.entries.map((entry) => entry.student.email))).toEqual(new Set(["max@example.org"]));
      const byEmail = await listRegradeQueue(handle.db, course.id, { status: "all", student: "LEA@EXAMPLE" });
      expect(byEmail.entries.map((entry) => entry.student.name)).toEqual(["Lea Learner", "Lea Learner"]);
      // A LIKE wildcard is a character like any other.
      expect((await listRegradeQueue(handle.db, course.id, { status: "all", student: "%" })).total).toBe(0);
      expect(await listRegradeQueue(handle.db, other.id, ALL)).toEqual({ entries: [], total: 0 });
    });

    it("counts open requests and puts resolved ones after the open ones", async () => {
      const openBefore = await countOpenRegradeRequests(handle.db, course.id);
      const [first] = (await listRegradeQueue(handle.db, course.id, { status: "open" })).entries;
      expect(await resolve(instructor, first!.id)).toMatchObject({ ok: true });
      expect(await countOpenRegradeRequests(handle.db, course.id)).toBe(openBefore - 1);
      const all = (await listRegradeQueue(handle.db, course.id, ALL)).entries;
      expect(all.at(-1)!.id).toBe(first!.id);
      expect(all.slice(0, -1).every((entry) => entry.status === "open")).toBe(true);
      const resolved = await listRegradeQueue(handle.db, course.id, { status: "resolved" });
      expect(resolved.entries.map((entry) => entry.id)).toEqual([first!.id]);
      expect(resolved.entries[0]).toMatchObject({ resolverName: "Teach" });
    });
  });

  describe("resolving", () => {
    /** `hoursAhead` keeps the tests' requests apart for the rate limit (five in ten minutes). */
    async function openRequest(score = 0.6, hoursAhead = 100) {
      const submit = await attempt(lea, "softmax", score);
      const request = await createRegradeRequest(handle.db, { courseId: course.id, userId: lea.id, submissionId: submit.id, message: "Please look again.", now: new Date(Date.now() + hoursAhead * HOUR) });
      return { submit, request };
    }

    it("is for the course's TAs and instructors: a student and another course's instructor get not-found", async () => {
      const { request } = await openRequest();
      for (const user of [lea, max, otherInstructor, outsider]) expect(await resolve(user, request.id), user.name).toMatchObject({ ok: false, code: "NOT_FOUND" });
      const [row] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.id, request.id));
      expect(row!.status).toBe("open");
      expect(await resolve(ta, request.id, { response: "Your output matches now." })).toEqual({ ok: true, data: { message: "Resolved: score kept at 60 %." } });
    });

    it("needs a response, and a new score from 0 to 100", async () => {
      const { request } = await openRequest();
      expect(await resolve(instructor, request.id, { response: "  " })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { response: ["give the student an answer"] }, values: { response: "  " } });
      expect(await resolve(instructor, request.id, { newScore: "101" })).toMatchObject({ ok: false, fieldErrors: { newScore: ["must be at most 100"] } });
      expect(await resolve(instructor, request.id, { newScore: "ninety" })).toMatchObject({ ok: false, fieldErrors: { newScore: ["must be a number"] } });
      const [row] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.id, request.id));
      expect(row).toMatchObject({ status: "open", response: null });
    });

    it("writes a new score as an audited override that moves the counted score, and refuses a second resolution", async () => {
      const key = { userId: lea.id, assignmentId: assignment.softmax!.id };
      await handle.db.delete(submissions).where(eq(submissions.assignmentId, assignment.softmax!.id));
      const { submit, request } = await openRequest(0.6);
      expect(await getCountedScore(handle.db, key)).toBeCloseTo(0.6);
      const result = await resolve(instructor, request.id, { response: "Test 3 was wrong; fixed.", newScore: "90" });
      expect(result).toEqual({ ok: true, data: { message: "Resolved: score 60 % → 90 %." } });

      const [stored] = await handle.db.select().from(submissions).where(eq(submissions.id, submit.id));
      expect(stored).toMatchObject({ score: 0.6, overrideScore: 0.9 });
      expect(await getCountedScore(handle.db, key)).toBeCloseTo(0.9);
      const audit = await handle.db.select().from(scoreOverrideAudit).where(eq(scoreOverrideAudit.submissionId, submit.id));
      expect(audit).toEqual([expect.objectContaining({ courseId: course.id, userId: lea.id, actorId: instructor.id, comment: "Regrade request: Test 3 was wrong; fixed." })]);
      expect(audit[0]!.previousScore).toBeCloseTo(0.6);
      expect(audit[0]!.newScore).toBeCloseTo(0.9);
      const [row] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.id, request.id));
      expect(row).toMatchObject({ status: "resolved", response: "Test 3 was wrong; fixed.", resolvedBy: instructor.id });
      expect(row!.previousScore).toBeCloseTo(0.6);
      expect(row!.newScore).toBeCloseTo(0.9);

      // The student reads the answer; staff read the request with the Submit as it counts now.
      const state = await getOwnRegradeState(handle.db, { userId: lea.id, courseId: course.id, assessmentId: assignment.softmax!.assessmentId, submissionIds: [submit.id], now: new Date() });
      expect(state.bySubmission[submit.id]).toEqual([expect.objectContaining({ status: "resolved", response: "Test 3 was wrong; fixed.", resolverName: "Teach" })]);
      const detail = await getRegradeRequestDetail(handle.db, course.id, request.id);
      expect(detail).toMatchObject({ student: { name: "Lea Learner" }, exercise: { id: "softmax" }, submission: { score: 0.6, overrideScore: 0.9 }, resolverName: "Teach" });
      expect(detail.submission.counted).toBeCloseTo(0.9);

      expect(await resolve(ta, request.id, { response: "Me too.", newScore: "100" })).toMatchObject({ ok: false, code: "CONFLICT", error: "This request was resolved already by Teach." });
      const [after] = await handle.db.select().from(submissions).where(eq(submissions.id, submit.id));
      expect(after!.overrideScore).toBeCloseTo(0.9);
      expect(await handle.db.select().from(scoreOverrideAudit).where(eq(scoreOverrideAudit.submissionId, submit.id))).toHaveLength(1);
    });

    it("holds an answer back with the scores: after \"Hold back again\" no response and no score, all of it once released again", async () => {
      const softmaxAssessment = assignment.softmax!.assessmentId;
      await handle.db.update(assessments).set({ releasePolicy: "manual", releasedAt: null }).where(eq(assessments.id, softmaxAssessment));
      await setAssessmentRelease(handle.db, course.id, softmaxAssessment, true, new Date(Date.now() - 1000));
      const { submit, request } = await openRequest(0.6, 120);
      expect(await resolve(instructor, request.id, { response: "Test 3 was wrong; fixed.", newScore: "90" })).toMatchObject({ ok: true });
      const state = () => getOwnRegradeState(handle.db, { userId: lea.id, courseId: course.id, assessmentId: softmaxAssessment, submissionIds: [submit.id], now: new Date() });
      const answered = { id: request.id, status: "resolved", resolverName: "Teach", message: "Please look again." };
      try {
        expect((await state()).bySubmission[submit.id]).toEqual([
          expect.objectContaining({ ...answered, answerHeld: false, response: "Test 3 was wrong; fixed.", previousScore: 0.6, newScore: 0.9, newScoreCounted: null }),
        ]);

        await setAssessmentRelease(handle.db, course.id, softmaxAssessment, false);
        const held = await state();
        expect(held.mayAsk).toBe(false);
        expect(held.bySubmission[submit.id]).toEqual([
          expect.objectContaining({ ...answered, answerHeld: true, response: null, previousScore: null, newScore: null, newScoreCounted: null }),
        ]);
        // Nothing of the answer reaches the page's components.
        expect(JSON.stringify(held)).not.toMatch(/fixed|0\.9|0\.6/);

        await setAssessmentRelease(handle.db, course.id, softmaxAssessment, true);
        expect((await state()).bySubmission[submit.id]).toEqual([
          expect.objectContaining({ ...answered, answerHeld: false, response: "Test 3 was wrong; fixed.", previousScore: 0.6, newScore: 0.9 }),
        ]);
      } finally {
        await handle.db.update(assessments).set({ releasePolicy: "immediately", releasedAt: null }).where(eq(assessments.id, softmaxAssessment));
      }
    });

    it("says what a new score counts as after the student's late penalty on a late Submit", async () => {
      const softmaxAssessment = assignment.softmax!.assessmentId;
      // Due two hours ago; the Submit came an hour ago: one started day late at 20 % a day keeps 80 %.
      await handle.db
        .update(assessments)
        .set({ dueAt: new Date(Date.now() - 2 * HOUR), latePolicy: "penalty", latePenaltyPerDay: "20" })
        .where(eq(assessments.id, softmaxAssessment));
      try {
        const { submit, request } = await openRequest(0.6, 140);
        expect(await resolve(instructor, request.id, { newScore: "90" })).toMatchObject({ ok: true });
        const state = await getOwnRegradeState(handle.db, { userId: lea.id, courseId: course.id, assessmentId: softmaxAssessment, submissionIds: [submit.id], now: new Date() });
        const [answer] = state.bySubmission[submit.id]!;
        expect(answer).toMatchObject({ previousScore: 0.6, newScore: 0.9 });
        expect(answer!.newScoreCounted).toBeCloseTo(0.9 * 0.8);
        // The counted score, as every reader counts it, agrees.
        expect(await getCountedScore(handle.db, { userId: lea.id, assignmentId: assignment.softmax!.id })).toBeCloseTo(0.72);

        // A student whose accommodation waives the penalty: the new score counts as it is.
        await grantAccommodation(handle.db, { courseId: course.id, actorId: instructor.id }, { target: { userId: lea.id }, assessmentId: softmaxAssessment, waiveLatePenalty: true });
        const waived = await getOwnRegradeState(handle.db, { userId: lea.id, courseId: course.id, assessmentId: softmaxAssessment, submissionIds: [submit.id], now: new Date() });
        expect(waived.bySubmission[submit.id]![0]).toMatchObject({ newScore: 0.9, newScoreCounted: null });
      } finally {
        await handle.db.delete(accommodations).where(eq(accommodations.assessmentId, softmaxAssessment));
        await handle.db.update(assessments).set({ dueAt: null, latePolicy: "none", latePenaltyPerDay: "0" }).where(eq(assessments.id, softmaxAssessment));
      }
    });

    it("keeps the score without an audit row when staff give none", async () => {
      const { submit, request } = await openRequest(0.4);
      expect(await resolve(instructor, request.id, { response: "The grading is right." })).toEqual({ ok: true, data: { message: "Resolved: score kept at 40 %." } });
      const [row] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.id, request.id));
      expect(row!.previousScore).toBeCloseTo(0.4);
      expect(row!.newScore).toBeCloseTo(0.4);
      expect(await handle.db.select().from(scoreOverrideAudit).where(eq(scoreOverrideAudit.submissionId, submit.id))).toHaveLength(0);
    });

    it("lets one of two staff answering at once win; the other gets a conflict", async () => {
      const { submit, request } = await openRequest(0.5);
      const results = await Promise.all([resolve(instructor, request.id, { newScore: "70" }), resolve(ta, request.id, { newScore: "80" })]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([expect.objectContaining({ code: "CONFLICT" })]);
      expect(await handle.db.select().from(scoreOverrideAudit).where(eq(scoreOverrideAudit.submissionId, submit.id))).toHaveLength(1);
    });

    it("keeps one open request when a student asks twice at once", async () => {
      const submit = await attempt(lea, "adam", 0.2);
      const results = await Promise.all([ask(lea, submit.id, "First."), ask(lea, submit.id, "Second.")]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([expect.objectContaining({ code: "CONFLICT" })]);
      expect(await handle.db.select().from(regradeRequests).where(eq(regradeRequests.submissionId, submit.id))).toHaveLength(1);
    });

    it("finds no request of another course", async () => {
      const elsewhere = await attempt(outsider, "other-adam", 0.5);
      const request = await createRegradeRequest(handle.db, { courseId: other.id, userId: outsider.id, submissionId: elsewhere.id, message: "Elsewhere." });
      expect(await resolve(instructor, request.id, { newScore: "100" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      await expect(getRegradeRequestDetail(handle.db, course.id, request.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      const [row] = await handle.db.select().from(regradeRequests).where(eq(regradeRequests.id, request.id));
      expect(row!.status).toBe("open");
      const [untouched] = await handle.db.select().from(submissions).where(eq(submissions.id, elsewhere.id));
      expect(untouched!.overrideScore).toBeNull();
    });
  });
});
