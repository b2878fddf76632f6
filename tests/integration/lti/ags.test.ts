import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { ltiGradePassbacks, ltiResourceLinks } from "@/lib/db/schema";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createAssessment, updateAssessment, type AssessmentInput } from "@/lib/courses/assessments";
import { runPassback } from "@/lib/lti/ags/passback";
import { setAssessmentRelease } from "@/lib/courses/assessment-release";
import { ltiPassbackJob } from "@/lib/jobs/lti-passback";
import { installGradePassback } from "@/lib/lti/ags/listener";
import { scoresUrl } from "@/lib/lti/ags/post-score";
import { listCoursePlacements, resendPassbacks } from "@/lib/lti/ags/status";
import { MEDIA_TYPE } from "@/lib/lti/claims";
import { forgetServiceTokens } from "@/lib/lti/service-token";
import { publicJwks, rotateSigningKey } from "@/lib/lti/keys";
import { PlatformRequestError } from "@/lib/lti/platform-http";
import { overrideAssessmentScore } from "@/lib/overrides/override-assessment";
import { getLogger } from "@/lib/logging/logger";
import { LtiPassbackJobSchema, type LtiPassbackJob } from "@/lib/queue/job-types";
import { setActiveQueue, type Delivery } from "@/lib/queue/port";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";
import { createAgsWorld, gradeSubmit, RecordingQueue, type AgsWorld } from "./ags-fixture";

const delivery = (attempt = 1): Delivery => ({ jobId: `job-${attempt}`, attempt, final: false, completeIn: async () => {} });

describe.each(testBackends())("grade passback (AGS) on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let world: AgsWorld;
  const recorder = new RecordingQueue();
  let uninstall = () => {};

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    lms = await startFakeLms();
    world = await createAgsWorld(handle.db, lms);
    setActiveQueue(recorder.queue);
    uninstall = installGradePassback();
    // A fresh database, the catalogue synced and a platform registered: slow on a busy machine.
  }, 180_000);
  afterEach(() => {
    recorder.take();
  });
  afterAll(async () => {
    uninstall();
    setActiveQueue(undefined);
    forgetServiceTokens();
    await lms.close();
    await drop();
  });

  const context = () => ({ db: handle.db, log: getLogger(), stopping: () => false, grader: { grade: async () => { throw new Error("no grading here"); } } });
  /** The passback jobs the listener sent since the last call. */
  const queued = (): LtiPassbackJob[] => recorder.take().filter((job) => job.name === ltiPassbackJob.name).map((job) => LtiPassbackJobSchema.parse(job.payload));
  const run = (job: LtiPassbackJob, attempt = 1) => ltiPassbackJob.handle(context(), job, delivery(attempt));
  const row = async (resourceLinkRowId: string, userId: string) =>
    (await handle.db.select().from(ltiGradePassbacks).where(and(eq(ltiGradePassbacks.resourceLinkRowId, resourceLinkRowId), eq(ltiGradePassbacks.userId, userId))))[0];
  const scoresOn = (lineItem: string) => lms.scores.filter((score) => score.lineItemUrl === lineItem.replace(/\?.*$/, ""));

  it("inserts /scores before a line item's query string", () => {
    expect(scoresUrl("https://lms.example/api/lti/courses/1/line_items/5")).toBe("https://lms.example/api/lti/courses/1/line_items/5/scores");
    expect(scoresUrl("https://moodle.example/mod/lti/services.php/2/lineitems/9/lineitem?type_id=7")).toBe("https://moodle.example/mod/lti/services.php/2/lineitems/9/lineitem/scores?type_id=7");
  });

  it("sends a graded submission's score to the assessment's and the exercise's line items, and nothing for a student without a user link or a link without a line item", async () => {
    const { ann, bob, links, lineItems, setBatching } = world;
    await gradeSubmit(handle.db, bob, setBatching, 1);
    expect(queued()).toEqual([]);

    await gradeSubmit(handle.db, ann, setBatching, 0.75);
    const jobs = queued();
    expect(new Set(jobs.map((job) => job.resourceLinkRowId))).toEqual(new Set([links.set, links.exercise]));
    expect(jobs.every((job) => job.userId === ann.id)).toBe(true);
    expect(await row(links.set, ann.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await row(links.noLineItem, ann.id)).toBeUndefined();

    for (const job of jobs) expect(await run(job)).toMatchObject({ kind: "sent" });
    // Problem set: 0.75 × 10 of batching, the 6-point quiz not yet graded: 7.5 of 16, submitted but not complete.
    const [onSet] = scoresOn(lineItems.set);
    expect(onSet?.contentType).toBe(MEDIA_TYPE.score);
    expect(onSet?.body).toMatchObject({ userId: "lms-ann", scoreGiven: 7.5, scoreMaximum: 16, activityProgress: "Submitted", gradingProgress: "FullyGraded" });
    expect(Date.parse(String(onSet?.body.timestamp))).not.toBeNaN();
    const [onExercise] = scoresOn(lineItems.exercise);
    expect(onExercise?.body).toMatchObject({ userId: "lms-ann", scoreGiven: 7.5, scoreMaximum: 10, activityProgress: "Completed", gradingProgress: "FullyGraded" });
    expect(await row(links.set, ann.id)).toMatchObject({ status: "sent", scoreGiven: 7.5, scoreMaximum: 16, attempts: 1, lastError: null });
    expect((await row(links.set, ann.id))?.sentAt).toBeInstanceOf(Date);

    const placements = await listCoursePlacements(handle.db, world.course.id);
    const set = placements.find((placement) => placement.id === links.set);
    expect(set).toMatchObject({ lmsCourse: "LMS 101", target: "Problem set", lineItemUrl: lineItems.set });
    expect(set?.rows).toEqual([expect.objectContaining({ name: "Ann", state: "sent", scoreGiven: 7.5, scoreMaximum: 16 })]);
    expect(placements.find((placement) => placement.id === links.exercise)?.target).toMatch(/^Problem set › /);
  });

  it("retries after a token failure, then sends", async () => {
    const { ann, links, lineItems, setQuiz } = world;
    forgetServiceTokens();
    lms.failTokenRequests(1, 503);
    await gradeSubmit(handle.db, ann, setQuiz, 0.5);
    const job = queued().find((entry) => entry.resourceLinkRowId === links.set)!;
    const before = scoresOn(lineItems.set).length;
    const failure = await run(job, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformRequestError);
    expect(await row(links.set, ann.id)).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("HTTP 503") });
    expect(scoresOn(lineItems.set)).toHaveLength(before);

    expect(await run(job, 2)).toMatchObject({ kind: "sent" });
    // 7.5 + 0.5 × 6 = 10.5 of 16, both exercises graded.
    expect(scoresOn(lineItems.set).at(-1)?.body).toMatchObject({ scoreGiven: 10.5, scoreMaximum: 16, activityProgress: "Completed" });
    expect(await row(links.set, ann.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null, scoreGiven: 10.5 });
  });

  it("after a key rotation, a token refused (401 invalid_client) while the LMS holds our old keys is retried, not failed", async () => {
    const { ann, links, lineItems, course } = world;
    forgetServiceTokens();
    await rotateSigningKey(handle.db);
    await resendPassbacks(handle.db, course.id, { resourceLinkRowId: links.exercise, userId: ann.id });
    const [job] = queued();
    const before = scoresOn(lineItems.exercise).length;
    const failure = await run(job!, 1).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformRequestError);
    expect(await row(links.exercise, ann.id)).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("HTTP 401") });
    expect(scoresOn(lineItems.exercise)).toHaveLength(before);
    // The LMS fetches the JWKS again (its cache lapsed): the retry goes through.
    lms.tool.localJwks = await publicJwks(handle.db);
    expect(await run(job!, 2)).toMatchObject({ kind: "sent" });
    expect(await row(links.exercise, ann.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("renews a token the platform no longer accepts (401) and sends", async () => {
    const { ann, links, lineItems } = world;
    await resendPassbacks(handle.db, world.course.id, { resourceLinkRowId: links.exercise, userId: ann.id });
    const [job] = queued();
    const tokens = lms.tokenRequests.length;
    lms.failScorePosts(1, 401);
    expect(await run(job!)).toMatchObject({ kind: "sent" });
    expect(lms.tokenRequests.length).toBe(tokens + 1);
    expect(scoresOn(lineItems.exercise).at(-1)?.body).toMatchObject({ scoreGiven: 7.5, scoreMaximum: 10 });
  });

  it("ends failed with the platform's reason on a 400, and resend sends it again", async () => {
    const { ann, links, lineItems, course } = world;
    await resendPassbacks(handle.db, course.id, { resourceLinkRowId: links.exercise, userId: ann.id });
    const [job] = queued();
    lms.failScorePosts(1, 400);
    const outcome = await run(job!);
    expect(outcome).toMatchObject({ kind: "failed", reason: expect.stringContaining("HTTP 400") });
    const failed = await row(links.exercise, ann.id);
    expect(failed).toMatchObject({ status: "failed", lastError: expect.stringContaining("the fake LMS refused the score") });
    const shown = (await listCoursePlacements(handle.db, course.id)).find((placement) => placement.id === links.exercise)?.rows[0];
    expect(shown).toMatchObject({ state: "failed", lastError: expect.stringContaining("HTTP 400") });

    // Another course's staff select nothing; "Resend failed" picks exactly the failed row.
    expect(await resendPassbacks(handle.db, "00000000-0000-4000-8000-000000000000", "failed")).toBe(0);
    expect(queued()).toEqual([]);
    expect(await resendPassbacks(handle.db, course.id, "failed")).toBe(1);
    const [again] = queued();
    expect(again).toEqual({ resourceLinkRowId: links.exercise, userId: ann.id });
    expect(await row(links.exercise, ann.id)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(await run(again!)).toMatchObject({ kind: "sent" });
    expect(scoresOn(lineItems.exercise).at(-1)?.body).toMatchObject({ scoreGiven: 7.5, scoreMaximum: 10 });
  });

  it("holds a score back until the assessment is released, then sends it", async () => {
    const { ann, links, lineItems, course, midtermBatching, midtermId } = world;
    await gradeSubmit(handle.db, ann, midtermBatching, 0.5);
    const [job] = queued();
    expect(job).toEqual({ resourceLinkRowId: links.midterm, userId: ann.id });
    expect(await run(job!)).toEqual({ kind: "held", retryAt: null });
    expect(scoresOn(lineItems.midterm)).toEqual([]);
    expect(await row(links.midterm, ann.id)).toMatchObject({ status: "pending" });
    const waiting = (await listCoursePlacements(handle.db, course.id)).find((placement) => placement.id === links.midterm)?.rows[0];
    expect(waiting?.state).toBe("waiting");

    await setAssessmentRelease(handle.db, course.id, midtermId, true);
    const [released] = queued();
    expect(released).toEqual({ resourceLinkRowId: links.midterm, userId: ann.id });
    expect(await run(released!)).toMatchObject({ kind: "sent", scoreGiven: 10, scoreMaximum: 20 });
    expect(scoresOn(lineItems.midterm).at(-1)?.body).toMatchObject({ userId: "lms-ann", scoreGiven: 10, scoreMaximum: 20, activityProgress: "Completed" });
  });

  it("under release after the due date, comes back by itself at the student's due date and sends then", async () => {
    const { ann, course, lineItems } = world;
    const dueAt = new Date(Date.now() + 7 * 24 * 3_600_000);
    const quiz = await createAssessment(handle.db, course.id, { title: "Weekly quiz", dueAt, releasePolicy: "after_due" });
    const item = await addExerciseToAssessment(handle.db, course.id, quiz.id, { exerciseId: "batching", points: 5 });
    const [context] = await handle.db.select({ id: ltiResourceLinks.contextRowId }).from(ltiResourceLinks).where(eq(ltiResourceLinks.id, world.links.set));
    const lineItem = lineItems.exercise.replace(/exercise$/, "weekly");
    const [link] = await handle.db.insert(ltiResourceLinks).values({ contextRowId: context!.id, resourceLinkId: "rl-weekly", title: "Weekly quiz (LMS)", assessmentId: quiz.id, lineItemUrl: lineItem }).returning();
    await gradeSubmit(handle.db, ann, item, 0.8);
    const [job] = queued();
    expect(job).toEqual({ resourceLinkRowId: link!.id, userId: ann.id });

    expect(await runPassback(handle.db, job!, new Date(dueAt.getTime() - 1000))).toEqual({ kind: "held", retryAt: dueAt });
    const again = recorder.take();
    expect(again).toEqual([{ name: ltiPassbackJob.name, payload: job, options: { startAfter: dueAt } }]);
    expect(scoresOn(lineItem)).toEqual([]);

    expect(await runPassback(handle.db, job!, dueAt)).toMatchObject({ kind: "sent", scoreGiven: 4, scoreMaximum: 5 });
    expect(scoresOn(lineItem).at(-1)?.body).toMatchObject({ userId: "lms-ann", scoreGiven: 4, scoreMaximum: 5, timestamp: dueAt.toISOString() });
  });

  /** A new assessment of the course with batching (5 points), placed in the LMS course with a line item; Ann's graded 0.8 queued. */
  async function placedAssessment(title: string, input: Omit<AssessmentInput, "title">) {
    const { ann, course, lineItems } = world;
    const assessment = await createAssessment(handle.db, course.id, { title, ...input });
    const item = await addExerciseToAssessment(handle.db, course.id, assessment.id, { exerciseId: "batching", points: 5 });
    const [context] = await handle.db.select({ id: ltiResourceLinks.contextRowId }).from(ltiResourceLinks).where(eq(ltiResourceLinks.id, world.links.set));
    const lineItem = lineItems.exercise.replace(/exercise$/, title.toLowerCase().replace(/\W+/g, "-"));
    const [link] = await handle.db.insert(ltiResourceLinks).values({ contextRowId: context!.id, resourceLinkId: `rl-${assessment.id}`, title, assessmentId: assessment.id, lineItemUrl: lineItem }).returning();
    await gradeSubmit(handle.db, ann, item, 0.8);
    const [job] = queued();
    expect(job).toEqual({ resourceLinkRowId: link!.id, userId: ann.id });
    return { assessment, lineItem, job: job! };
  }

  it("a release policy changed to \u201cimmediately\u201d queues the held passbacks again, and they are sent", async () => {
    const { ann, course } = world;
    const { assessment, lineItem, job } = await placedAssessment("Lab one", { releasePolicy: "manual" });
    expect(await run(job)).toEqual({ kind: "held", retryAt: null });
    expect(scoresOn(lineItem)).toEqual([]);

    // A change that does not touch the release queues nothing.
    await updateAssessment(handle.db, course.id, assessment.id, { title: "Lab 1" });
    expect(queued()).toEqual([]);

    await updateAssessment(handle.db, course.id, assessment.id, { releasePolicy: "immediately" });
    expect(queued()).toEqual([job]);
    expect(await row(job.resourceLinkRowId, ann.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await run(job)).toMatchObject({ kind: "sent", scoreGiven: 4, scoreMaximum: 5 });
    expect(scoresOn(lineItem).at(-1)?.body).toMatchObject({ userId: "lms-ann", scoreGiven: 4, scoreMaximum: 5 });
  });

  it("under release after the due date, a due date moved earlier is not left waiting for the old one", async () => {
    const { course } = world;
    const now = Date.now();
    const oldDue = new Date(now + 7 * 24 * 3_600_000);
    const { assessment, lineItem, job } = await placedAssessment("Lab two", { dueAt: oldDue, releasePolicy: "after_due" });
    expect(await runPassback(handle.db, job, new Date(now))).toEqual({ kind: "held", retryAt: oldDue });
    expect(recorder.take()).toEqual([{ name: ltiPassbackJob.name, payload: job, options: { startAfter: oldDue } }]);

    // Moved to an hour from now: a job at once, which comes back by itself at the new date (not the old one).
    const newDue = new Date(now + 3_600_000);
    await updateAssessment(handle.db, course.id, assessment.id, { dueAt: newDue });
    expect(queued()).toContainEqual(job);
    expect(await runPassback(handle.db, job, new Date(now))).toEqual({ kind: "held", retryAt: newDue });
    expect(recorder.take()).toEqual([{ name: ltiPassbackJob.name, payload: job, options: { startAfter: newDue } }]);
    expect(await runPassback(handle.db, job, newDue)).toMatchObject({ kind: "sent", scoreGiven: 4, scoreMaximum: 5 });

    // Moved into the past: the job queued by the change sends at once. Ann's submission is now after the
    // due date, which (late policy "none") counts nothing: 0 of 5.
    await updateAssessment(handle.db, course.id, assessment.id, { dueAt: new Date(now - 60_000) });
    expect(queued()).toContainEqual(job);
    const sentBefore = scoresOn(lineItem).length;
    expect(await run(job)).toMatchObject({ kind: "sent", scoreGiven: 0, scoreMaximum: 5 });
    expect(scoresOn(lineItem)).toHaveLength(sentBefore + 1);
    expect(scoresOn(lineItem).at(-1)?.body).toMatchObject({ scoreGiven: 0, scoreMaximum: 5 });
  });

  it("sends staff's assessment score in place of the exercises' sum", async () => {
    const { ann, links, lineItems, course, setId } = world;
    await handle.db.transaction((tx) => overrideAssessmentScore(tx, { courseId: course.id, assessmentId: setId, userId: ann.id, score: 0.25, comment: "", actorId: ann.id }));
    const jobs = queued().filter((job) => job.resourceLinkRowId === links.set);
    expect(jobs.length).toBeGreaterThan(0);
    expect(await run(jobs[0]!)).toMatchObject({ kind: "sent", scoreGiven: 4, scoreMaximum: 16 });
    expect(scoresOn(lineItems.set).at(-1)?.body).toMatchObject({ scoreGiven: 4, scoreMaximum: 16, activityProgress: "Completed" });
  });

  it("marks a passback failed when every delivery failed", async () => {
    const { ann, links, course } = world;
    await resendPassbacks(handle.db, course.id, { resourceLinkRowId: links.set, userId: ann.id });
    const [job] = queued();
    await ltiPassbackJob.onDeadLetter(context(), job!, "job-dead");
    expect(await row(links.set, ann.id)).toMatchObject({ status: "failed", lastError: "The score could not be sent." });
  });
});
