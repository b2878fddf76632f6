import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { enrolments, ltiContexts, ltiGradePassbacks, ltiPlatforms, ltiResourceLinks, users, type Assignment, type Course } from "@/lib/db/schema";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createAssessment } from "@/lib/courses/assessments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { ltiPassbackJob } from "@/lib/jobs/lti-passback";
import { completeDeepLinking } from "@/lib/lti/deep-linking/complete";
import { installGradePassback } from "@/lib/lti/ags/listener";
import { publicJwks } from "@/lib/lti/keys";
import { createRegistrationUrl } from "@/lib/lti/registration/tokens";
import { registerDynamically } from "@/lib/lti/registration/dynamic";
import { forgetServiceTokens } from "@/lib/lti/service-token";
import { getLogger } from "@/lib/logging/logger";
import { LtiPassbackJobSchema } from "@/lib/queue/job-types";
import { setActiveQueue } from "@/lib/queue/port";
import { createUser } from "@/lib/users/users";
import { LIS_ROLE, startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";
import { gradeSubmit, RecordingQueue } from "./ags-fixture";
import { launcher, TOOL_ORIGIN } from "./launch-helpers";

/*
 * The whole LMS story through the real parts, against the fake LMS: dynamic registration, an instructor
 * deep-linking two assessments, a student launch that lands in one, a graded submission whose score
 * reaches the line item the deep link created, after a token failure retried.
 */

const hoisted = vi.hoisted(() => {
  process.env.AUTH_SECRET = "lti-end-to-end-secret-0123456789abcdefghij";
  return { db: null as unknown };
});
vi.mock("@/lib/db", () => ({ getDb: async () => hoisted.db }));

const login = await import("@/app/lti/login/route");
const launchRoute = await import("@/app/lti/launch/route");

describe.each(testBackends())("an LMS course on Tensorgrade, end to end, on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let course: Course;
  let homework: { id: string; exercises: Assignment[] };
  let quiz: { id: string; exercises: Assignment[] };
  const recorder = new RecordingQueue();
  let uninstall = () => {};

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    hoisted.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching", "optimizer-concepts", "softmax"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    course = await createCourse(handle.db, { slug: "nn", title: "Neural networks" });
    const teacher = await createUser(handle.db, { email: "teacher@uni.test", name: "Teacher" });
    await enrolUser(handle.db, course.id, teacher.id, "instructor");
    const set = await createAssessment(handle.db, course.id, { title: "Homework 1" });
    homework = {
      id: set.id,
      exercises: [
        await addExerciseToAssessment(handle.db, course.id, set.id, { exerciseId: "batching", points: 10 }),
        await addExerciseToAssessment(handle.db, course.id, set.id, { exerciseId: "softmax", points: 15 }),
      ],
    };
    const test = await createAssessment(handle.db, course.id, { title: "Quiz 1" });
    quiz = { id: test.id, exercises: [await addExerciseToAssessment(handle.db, course.id, test.id, { exerciseId: "optimizer-concepts", points: 6 })] };
    lms = await startFakeLms();
    setActiveQueue(recorder.queue);
    uninstall = installGradePassback();
  }, 180_000);
  afterAll(async () => {
    uninstall();
    setActiveQueue(undefined);
    forgetServiceTokens();
    await lms?.close();
    await drop?.();
  });

  it("registers, deep-links two assessments, launches a student into one and passes the graded score back", async () => {
    // 1. Dynamic registration: the admin's one-time URL, opened by the LMS with its configuration and token.
    const registration = await createRegistrationUrl(handle.db, null, TOOL_ORIGIN);
    const registered = await registerDynamically(handle.db, { token: registration.token, openid_configuration: lms.urls.openidConfiguration, registration_token: lms.registrationToken }, TOOL_ORIGIN);
    expect(registered).toMatchObject({ issuer: lms.issuer, clientId: lms.clientId, deploymentId: lms.deploymentId });
    const [platform] = await handle.db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, registered.platformId));
    expect(platform).toMatchObject({ authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, registeredVia: "dynamic" });
    expect(lms.tool).toMatchObject({ login: `${TOOL_ORIGIN}/lti/login`, launch: `${TOOL_ORIGIN}/lti/launch`, jwks: `${TOOL_ORIGIN}/lti/jwks` });
    // No app server here: the fake LMS is handed the keys /lti/jwks serves.
    lms.tool.localJwks = await publicJwks(handle.db);
    const flow = launcher(lms, { login: login.GET, launch: launchRoute.POST });

    // 2. The instructor opens deep linking from the LMS and picks both assessments.
    const teacherLaunch = await flow.launch({ user: { sub: "lms-teacher", name: "Teacher", email: "teacher@uni.test", roles: [LIS_ROLE.instructor] }, messageType: "LtiDeepLinkingRequest" });
    const picker = teacherLaunch.response.headers.get("location") ?? "";
    expect(picker).toMatch(new RegExp(`^${TOOL_ORIGIN}/lti/deep-link/[0-9a-f-]{36}$`));
    const [teacher] = await handle.db.select().from(users).where(eq(users.email, "teacher@uni.test"));
    const answer = await completeDeepLinking(handle.db, {
      requestId: picker.split("/").at(-1)!,
      userId: teacher!.id,
      choice: { courseId: course.id, assessmentIds: [homework.id, quiz.id], assignmentIds: [] },
      origin: TOOL_ORIGIN,
      now: new Date(),
    });
    const returned = await fetch(answer.returnUrl, { method: "POST", body: new URLSearchParams({ JWT: answer.jwt }) });
    expect(returned.status).toBe(200);
    expect(lms.lineItems.map((item) => [item.label, item.scoreMaximum])).toEqual([
      ["Homework 1", 25],
      ["Quiz 1", 6],
    ]);
    const [context] = await handle.db.select().from(ltiContexts);
    expect(context?.courseId).toBe(course.id);

    // 3. A student opens the homework's placement: a new account, enrolled, landing on the assessment.
    const homeworkItem = lms.lineItems[0]!;
    const studentLaunch = await flow.launch({ user: { sub: "lms-ada", name: "Ada Lovelace", email: "ada@uni.test", roles: [LIS_ROLE.learner] }, resourceLinkId: homeworkItem.resourceLinkId });
    expect(studentLaunch.response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn/assessments/${homework.id}`);
    const [ada] = await handle.db.select().from(users).where(eq(users.email, "ada@uni.test"));
    const [enrolment] = await handle.db.select().from(enrolments).where(eq(enrolments.userId, ada!.id));
    expect(enrolment).toMatchObject({ courseId: course.id, role: "student" });
    const [link] = await handle.db.select().from(ltiResourceLinks).where(eq(ltiResourceLinks.resourceLinkId, homeworkItem.resourceLinkId));
    expect(link).toMatchObject({ assessmentId: homework.id, lineItemUrl: homeworkItem.url });

    // 4. Ada's Submit on the batching exercise is graded 0.8: 8 of the homework's 25 points reach the LMS,
    // after the LMS's token endpoint failed once and the job was delivered again.
    recorder.take();
    await gradeSubmit(handle.db, ada!, homework.exercises[0]!, 0.8);
    const jobs = recorder
      .take()
      .filter((job) => job.name === ltiPassbackJob.name)
      .map((job) => LtiPassbackJobSchema.parse(job.payload));
    expect(jobs).toEqual([{ resourceLinkRowId: link!.id, userId: ada!.id }]);
    const context_ = { db: handle.db, log: getLogger(), stopping: () => false, grader: { grade: async () => ({ status: "error" as const, message: "unused" }) } };
    forgetServiceTokens();
    lms.failTokenRequests(1, 503);
    await expect(ltiPassbackJob.handle(context_ as never, jobs[0]!, { jobId: "j", attempt: 1, final: false, completeIn: async () => {} })).rejects.toThrow(/HTTP 503/);
    expect(lms.scores).toHaveLength(0);
    await ltiPassbackJob.handle(context_ as never, jobs[0]!, { jobId: "j", attempt: 2, final: false, completeIn: async () => {} });
    expect(lms.scores).toHaveLength(1);
    expect(lms.scores[0]).toMatchObject({ lineItemUrl: homeworkItem.url, body: { userId: "lms-ada", scoreGiven: 8, scoreMaximum: 25, gradingProgress: "FullyGraded" } });
    const [status] = await handle.db.select().from(ltiGradePassbacks).where(eq(ltiGradePassbacks.userId, ada!.id));
    expect(status).toMatchObject({ status: "sent", scoreGiven: 8, scoreMaximum: 25, attempts: 2, lastError: null });
  });
});
