import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { accommodations, submissions, testResults, type User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createAssignment } from "@/lib/courses/assignments";
import { updateAssessment } from "@/lib/courses/assessments";
import { setAssessmentRelease } from "@/lib/courses/assessment-release";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { formatDateTime } from "@/lib/courses/format-date";
import { closeSubmissionEventHub } from "@/lib/events/hub";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { assessmentProgressText } from "@/lib/progress/assessment-text";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { getAssessmentOverview, getCourseOverview } from "@/lib/progress/course-overview";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { getHomeOverview, type StudentCourseSummary } from "@/lib/progress/home-overview";
import type { SubmissionView } from "@/lib/submissions/submission-view";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

// The routes run for real; only "who is signed in" and "which database" are supplied here.
const session = vi.hoisted(() => ({ user: null as User | null, handle: null as unknown as DatabaseHandle }));
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  requireUser: async () => {
    if (!session.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return session.user;
  },
}));
vi.mock("@/lib/db", () => ({ getDb: async () => session.handle.db, getDatabase: async () => session.handle }));

const { GET: eventsRoute } = await import("@/app/api/submissions/[id]/events/route");
const { GET: readRoute } = await import("@/app/api/submissions/[id]/route");

const HOST = "tensorgrade.test";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MANUAL_TEXT = "Your score and feedback will be released by your instructor.";

async function apiRead(as: User, id: string, query = ""): Promise<SubmissionView> {
  session.user = as;
  const response = await readRoute(new Request(`http://${HOST}/api/submissions/${id}${query}`, { headers: { host: HOST } }), { params: Promise.resolve({ id }) });
  expect(response.status).toBe(200);
  return (await response.json()) as SubmissionView;
}

/** The first `submission` event of the stream (the state at once), then the stream is cancelled. */
async function sseRead(as: User, id: string): Promise<SubmissionView> {
  session.user = as;
  const controller = new AbortController();
  const response = await eventsRoute(new Request(`http://${HOST}/api/submissions/${id}/events`, { headers: { host: HOST }, signal: controller.signal }), {
    params: Promise.resolve({ id }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const match = /event: submission\ndata: (.*)\n\n/.exec(buffer);
      if (match) return JSON.parse(match[1]!) as SubmissionView;
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended without a submission event");
      buffer += value;
    }
  } finally {
    controller.abort();
    await reader.cancel().catch(() => {});
  }
}

/** Every student-facing reader of one Submit, as `who` sees them at `now` (the API reads at the real time). */
async function readAll(who: User, submitId: string, assessmentId: string, now: Date) {
  const db = session.handle.db;
  const [api, poll, sse, page, course, assessment, home, grades] = await Promise.all([
    apiRead(who, submitId),
    apiRead(who, submitId, "?after=queued"),
    sseRead(who, submitId),
    getExercisePageData(db, who, "rel", "batching", now),
    getCourseOverview(db, await findCourse(), who.id, now),
    getAssessmentOverview(db, await findCourse(), who.id, assessmentId, now),
    getHomeOverview(db, who, now),
    getStudentCourseGrade(db, await findCourse(), who.id, now, { asStudent: true }),
  ]);
  return { api, poll, sse, page, course: course[0]!, assessment, home: home.courses[0] as StudentCourseSummary, grades };
}

let courseRow: Awaited<ReturnType<typeof createCourse>>;
const findCourse = async () => courseRow;

describe.each(testBackends())("release of scores to every student reader on $name", (backend) => {
  let drop: () => Promise<void>;
  let plain: User, extended: User, ta: User;
  let assessmentId: string;
  let plainSubmit: string, extendedSubmit: string, plainRun: string;
  const start = new Date();
  const ownDue = new Date(start.getTime() - HOUR);
  const extendedDue = new Date(start.getTime() + DAY);

  beforeAll(async () => {
    let handle: DatabaseHandle;
    ({ handle, drop } = await backend.create());
    session.handle = handle;
    const db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(db, catalogue.exercises);
    courseRow = await createCourse(db, { slug: "rel", title: "Release", timeZone: "UTC" });
    plain = await createUser(db, { email: "plain@example.org", name: "Plain" });
    extended = await createUser(db, { email: "extended@example.org", name: "Extended" });
    ta = await createUser(db, { email: "ta@example.org", name: "TA" });
    await enrolUser(db, courseRow.id, plain.id, "student");
    await enrolUser(db, courseRow.id, extended.id, "student");
    await enrolUser(db, courseRow.id, ta.id, "ta");
    const assignment = await createAssignment(db, courseRow.id, { exerciseId: "batching", dueAt: ownDue, latePolicy: "penalty", latePenaltyPerDay: 0 });
    assessmentId = assignment.assessmentId;
    await db.insert(accommodations).values({ courseId: courseRow.id, userId: extended.id, assessmentId, dueAt: extendedDue });
    const row = (userId: string, mode: "run" | "submit", score: number, minutesBefore: number) => ({
      userId,
      assignmentId: assignment.id,
      exerciseId: "batching",
      exerciseVersion: "v",
      variantSeed: 1,
      mode,
      code: `// ${mode}`,
      status: "graded" as const,
      verdict: "graded",
      score,
      message: "a message",
      console: "printed",
      createdAt: new Date(ownDue.getTime() - minutesBefore * 60_000),
      gradedAt: new Date(ownDue.getTime() - minutesBefore * 60_000),
    });
    const [a, b, c] = await db.insert(submissions).values([row(plain.id, "submit", 0.5, 30), row(extended.id, "submit", 1, 20), row(plain.id, "run", 1, 10)]).returning();
    [plainSubmit, extendedSubmit, plainRun] = [a!.id, b!.id, c!.id];
    await db.insert(testResults).values([
      { submissionId: plainSubmit, position: 0, name: "example: stepsPerEpoch(10, 3)", hidden: false, passed: true, message: "" },
      { submissionId: plainSubmit, position: 1, name: "a smaller last batch", hidden: true, passed: false, message: "off by one: check the last batch" },
      { submissionId: extendedSubmit, position: 0, name: "a smaller last batch", hidden: true, passed: true, message: "" },
      { submissionId: plainRun, position: 0, name: "example: stepsPerEpoch(10, 3)", hidden: false, passed: true, message: "" },
    ]);
    await updateAssessment(db, courseRow.id, assessmentId, { releasePolicy: "manual" });
  });
  afterAll(async () => {
    await closeSubmissionEventHub();
    await drop?.();
  });

  const expectHeld = (view: SubmissionView, text: string) =>
    expect(view).toMatchObject({ id: expect.any(String), mode: "submit", status: "graded", score: null, verdict: null, message: null, console: null, tests: [], held: text });

  it("manual, held back: every reader shows 'Submitted' and when results come, nothing of the score; a Run still shows", async () => {
    const all = await readAll(plain, plainSubmit, assessmentId, start);
    for (const view of [all.api, all.poll, all.sse]) expectHeld(view, MANUAL_TEXT);
    expect(all.page.release).toMatchObject({ released: false, heldText: MANUAL_TEXT });
    expect(all.page.countingScore).toBeNull();
    expect(all.page.history).toHaveLength(1);
    expectHeld(all.page.history[0]!, MANUAL_TEXT);
    expect(all.page.history[0]!.countedScore).toBeNull();
    for (const view of [all.course, all.assessment]) {
      expect(view.exercises[0]!.progress).toEqual({ attemptsUsed: 1, score: null, status: "submitted" });
      expect(view.exercises[0]!.earned).toBeNull();
      expect(view.scoresHeld).toBe(MANUAL_TEXT);
      expect(assessmentProgressText(view.progress)).toBe("Scores not released yet · 1 of 1 exercise submitted");
    }
    expect(all.home.counts).toEqual({ solved: 0, attempted: 1, notStarted: 0 });
    expect(all.grades.grade.assessments[0]).toMatchObject({ status: "not_released", percent: null, earned: 0 });
    expect(all.grades.grade.percent).toBeNull();
    expect(all.grades.scores.size).toBe(0);
    // A Run's visible examples are not scores: shown.
    expect(await apiRead(plain, plainRun)).toMatchObject({ mode: "run", score: 1, tests: [{ name: "example: stepsPerEpoch(10, 3)", passed: true }] });
    // A result held back is not "seen" yet.
    const [seen] = await session.handle.db.select({ at: submissions.firstSeenAt }).from(submissions).where(eq(submissions.id, plainSubmit));
    expect(seen!.at).toBeNull();
  });

  it("staff still see everything: the TA's API, long-poll and stream, and the student's grade on staff pages", async () => {
    for (const view of [await apiRead(ta, plainSubmit), await apiRead(ta, plainSubmit, "?after=queued"), await sseRead(ta, plainSubmit)]) {
      expect(view).toMatchObject({ score: 0.5, message: "a message", console: "printed" });
      expect(view.held).toBeUndefined();
      expect(view.tests.map((test) => [test.name, test.message])).toEqual([
        ["example: stepsPerEpoch(10, 3)", ""],
        ["a smaller last batch", "off by one: check the last batch"],
      ]);
    }
    const staffView = await getStudentCourseGrade(session.handle.db, courseRow, plain.id, start);
    expect(staffView.grade.assessments[0]).toMatchObject({ status: "counted", percent: 50 });
    const [seeAll] = await getCourseOverview(session.handle.db, courseRow, plain.id, start, { seeAll: true });
    expect(seeAll!.exercises[0]!.progress).toMatchObject({ score: 0.5, status: "attempted" });
  });

  it("manual, released: every reader shows the score and feedback; held back again, hidden again", async () => {
    await setAssessmentRelease(session.handle.db, courseRow.id, assessmentId, true);
    const all = await readAll(plain, plainSubmit, assessmentId, new Date());
    for (const view of [all.api, all.poll, all.sse, all.page.history[0]!]) {
      expect(view).toMatchObject({ score: 0.5, verdict: "graded", message: "a message", console: "printed" });
      expect(view.held).toBeUndefined();
      expect(view.tests.map((test) => [test.name, test.passed, test.message])).toEqual([
        ["example: stepsPerEpoch(10, 3)", true, ""],
        ["a smaller last batch", false, "off by one: check the last batch"],
      ]);
    }
    expect(all.page.countingScore).toBe(0.5);
    expect(all.course.exercises[0]!.progress).toEqual({ attemptsUsed: 1, score: 0.5, status: "attempted" });
    expect(all.assessment.exercises[0]!.earned).toBe(all.assessment.exercises[0]!.points / 2);
    expect(all.home.counts).toEqual({ solved: 0, attempted: 1, notStarted: 0 });
    expect(all.grades.grade.assessments[0]).toMatchObject({ status: "counted", percent: 50 });
    expect(all.grades.grade.percent).toBe(50);

    await setAssessmentRelease(session.handle.db, courseRow.id, assessmentId, false);
    expectHeld(await apiRead(plain, plainSubmit), MANUAL_TEXT);
  });

  it("after release, hidden tests as detailed as the setting says: names only drops the hints, 'nothing until release' shows them", async () => {
    await updateAssessment(session.handle.db, courseRow.id, assessmentId, { releasePolicy: "immediately", hiddenTestDetail: "names_only" });
    const namesOnly = await apiRead(plain, plainSubmit);
    expect(namesOnly.tests).toEqual([
      { name: "example: stepsPerEpoch(10, 3)", passed: true, message: "", hidden: false },
      { name: "a smaller last batch", passed: false, message: "", hidden: true },
    ]);
    await updateAssessment(session.handle.db, courseRow.id, assessmentId, { hiddenTestDetail: "nothing" });
    expect((await apiRead(plain, plainSubmit)).tests[1]).toMatchObject({ name: "a smaller last batch", message: "off by one: check the last batch" });
  });

  it("after the due date: released at each student's own due date, an extension included", async () => {
    await updateAssessment(session.handle.db, courseRow.id, assessmentId, { releasePolicy: "after_due", hiddenTestDetail: "names_and_hints" });
    // Now: past the class's due date, before the extended student's.
    expect(await apiRead(plain, plainSubmit)).toMatchObject({ score: 0.5 });
    const extendedText = `Your score and feedback will be released after the due date, ${formatDateTime(extendedDue, "UTC")}.`;
    const before = await readAll(extended, extendedSubmit, assessmentId, new Date());
    for (const view of [before.api, before.poll, before.sse, before.page.history[0]!]) expectHeld(view, extendedText);
    expect(before.course.exercises[0]!.progress.status).toBe("submitted");
    expect(before.grades.grade.assessments[0]!.status).toBe("not_released");

    // The page readers at a minute past the extended due date: released.
    const after = new Date(extendedDue.getTime() + 60_000);
    const db = session.handle.db;
    const page = await getExercisePageData(db, extended, "rel", "batching", after);
    expect(page.countingScore).toBe(1);
    expect(page.history[0]).toMatchObject({ score: 1, tests: [{ name: "a smaller last batch", passed: true }] });
    const [course] = await getCourseOverview(db, courseRow, extended.id, after);
    expect(course!.exercises[0]!.progress).toEqual({ attemptsUsed: 1, score: 1, status: "solved" });
    expect((await getStudentCourseGrade(db, courseRow, extended.id, after, { asStudent: true })).grade.percent).toBe(100);
    // A minute before it: still held.
    const justBefore = new Date(extendedDue.getTime() - 60_000);
    expect((await getExercisePageData(db, extended, "rel", "batching", justBefore)).countingScore).toBeNull();
  });
});
