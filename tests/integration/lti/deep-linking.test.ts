import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader } from "jose";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { Course, User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createAssessment } from "@/lib/courses/assessments";
import { addExerciseToAssessment } from "@/lib/courses/assessment-items";
import { createUser } from "@/lib/users/users";
import { publicJwks } from "@/lib/lti/keys";
import { savePlatform } from "@/lib/lti/platforms";
import { LTI_CLAIM } from "@/lib/lti/claims";
import { DEEP_LINK_REQUEST_TTL_MS, startDeepLinking, type DeepLinkingStart } from "@/lib/lti/deep-linking/start";
import { completeDeepLinking } from "@/lib/lti/deep-linking/complete";
import { deepLinkOptions } from "@/lib/lti/deep-linking/options";
import { checkedReturn } from "@/lib/lti/deep-linking/return-page";
import { CUSTOM_ASSESSMENT, CUSTOM_ASSIGNMENT, type DeepLinkChoice } from "@/lib/lti/deep-linking/content-items";
import { startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

const ORIGIN = "http://tool.example";
/** The fixture's exercises and what each is worth in its assessment. */
const FIRST = [
  { exerciseId: "adam", points: 10 },
  { exerciseId: "softmax", points: 7 },
];
const SECOND = [
  { exerciseId: "relu", points: 5 },
  { exerciseId: "momentum", points: 8 },
];
const sum = (items: { points: number }[]) => items.reduce((total, item) => total + item.points, 0);

describe.each(testBackends())("deep linking on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let platformId: string;
  let instructor: User;
  let stranger: User;
  let course: Course;
  let otherCourse: Course;
  let studiedCourse: Course;
  let first: { id: string; assignmentIds: string[] };
  let second: { id: string; assignmentIds: string[] };
  let foreignAssessmentId: string;
  let contextRowId: string;
  let now: Date;

  const db = () => handle.db;

  async function assessmentOf(courseId: string, title: string, items: { exerciseId: string; points: number }[]) {
    const { id } = await createAssessment(db(), courseId, { title });
    const assignmentIds: string[] = [];
    for (const item of items) assignmentIds.push((await addExerciseToAssessment(db(), courseId, id, item)).id);
    return { id, assignmentIds };
  }

  function start(overrides: Partial<DeepLinkingStart> = {}, at = now) {
    return startDeepLinking(
      db(),
      {
        platformId,
        deploymentId: lms.deploymentId,
        userId: instructor.id,
        contextRowId,
        returnUrl: lms.urls.deepLinkReturn,
        data: "opaque-platform-data",
        acceptTypes: ["ltiResourceLink"],
        acceptMultiple: true,
        ...overrides,
      },
      at,
    );
  }

  const complete = (requestId: string, choice: DeepLinkChoice | null, userId = instructor.id, at = now) => completeDeepLinking(db(), { requestId, userId, choice, origin: ORIGIN, now: at });

  /** Posts the JWT as the browser's auto-posting form does. */
  const postToLms = (jwt: string) =>
    fetch(lms.urls.deepLinkReturn, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ JWT: jwt }).toString() });

  const requestRow = async (id: string) => (await db().select().from(schema.ltiDeepLinkRequests).where(eq(schema.ltiDeepLinkRequests.id, id)))[0]!;
  const contextCourse = async () => (await db().select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, contextRowId)))[0]!.courseId;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    lms = await startFakeLms();
    lms.tool.localJwks = await publicJwks(db());
    platformId = await savePlatform(
      db(),
      { issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
      "manual",
    );
    await db().insert(schema.exercises).values([
      { id: "adam", title: "Adam", topic: "Optimizers", kind: "code", points: 100, difficulty: "medium", currentVersion: "a" },
      { id: "softmax", title: "Softmax", topic: "Activations", kind: "code", points: 100, difficulty: "easy", currentVersion: "b" },
      { id: "relu", title: "ReLU", topic: "Activations", kind: "code", points: 100, difficulty: "easy", currentVersion: "c" },
      { id: "momentum", title: "Momentum", topic: "Optimizers", kind: "code", points: 100, difficulty: "easy", currentVersion: "d" },
    ]);
    instructor = await createUser(db(), { email: "ida@example.org", name: "Ida", password: "long-enough-password" });
    stranger = await createUser(db(), { email: "stan@example.org", name: "Stan", password: "long-enough-password" });
    course = await createCourse(db(), { slug: "nn", title: "Neural networks" });
    otherCourse = await createCourse(db(), { slug: "cv", title: "Computer vision" });
    studiedCourse = await createCourse(db(), { slug: "rl", title: "Reinforcement learning" });
    await enrolUser(db(), course.id, instructor.id, "instructor");
    await enrolUser(db(), otherCourse.id, instructor.id, "instructor");
    await enrolUser(db(), studiedCourse.id, instructor.id, "student");
    await enrolUser(db(), course.id, stranger.id, "instructor");
    first = await assessmentOf(course.id, "Problem set 1", FIRST);
    second = await assessmentOf(course.id, "Problem set 2", SECOND);
    foreignAssessmentId = (await assessmentOf(otherCourse.id, "Vision set", [{ exerciseId: "adam", points: 3 }])).id;
    await assessmentOf(studiedCourse.id, "RL set", [{ exerciseId: "relu", points: 4 }]);
  });

  beforeEach(async () => {
    now = new Date("2026-12-01T10:00:00Z");
    await db().delete(schema.ltiContexts).where(eq(schema.ltiContexts.platformId, platformId));
    const [context] = await db()
      .insert(schema.ltiContexts)
      .values({ platformId, deploymentId: lms.deploymentId, contextId: "lms-course-1", title: "NN (LMS)" })
      .returning({ id: schema.ltiContexts.id });
    contextRowId = context!.id;
    lms.lineItems.length = 0;
    lms.deepLinkResponses.length = 0;
  });

  afterAll(async () => {
    await lms.close();
    await drop();
  });

  it("offers the courses the instructor may link, with each assessment's points and its exercises' points", async () => {
    const options = await deepLinkOptions(db(), { userId: instructor.id, contextRowId });
    expect(options.linkedCourse).toBeNull();
    // Not the course where they are a student.
    expect(options.courses.map((option) => option.title).sort()).toEqual([otherCourse.title, course.title].sort());
    const nn = options.courses.find((option) => option.id === course.id)!;
    expect(nn.assessments.map((assessment) => [assessment.title, assessment.points])).toEqual([
      ["Problem set 1", sum(FIRST)],
      ["Problem set 2", sum(SECOND)],
    ]);
    expect(nn.assessments[0]!.exercises.map((exercise) => [exercise.assignmentId, exercise.points])).toEqual(first.assignmentIds.map((id, index) => [id, FIRST[index]!.points]));
  });

  it("deep-links two assessments: the LMS verifies the signed response and makes a line item worth each assessment's points", async () => {
    const requestId = await start();
    const answer = await complete(requestId, { courseId: course.id, assessmentIds: [first.id, second.id], assignmentIds: [] });

    const header = decodeProtectedHeader(answer.jwt);
    expect(header.kid).toBe((await publicJwks(db())).keys[0]!.kid);
    const claims = decodeJwt(answer.jwt);
    expect(claims.iss).toBe(lms.clientId);
    expect(claims.aud).toBe(lms.issuer);
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(claims.iat).toBe(Math.floor(now.getTime() / 1000));
    expect(claims.nonce).toEqual(expect.any(String));
    expect(claims[LTI_CLAIM.messageType]).toBe("LtiDeepLinkingResponse");
    expect(claims[LTI_CLAIM.version]).toBe("1.3.0");
    expect(claims[LTI_CLAIM.deploymentId]).toBe(lms.deploymentId);
    expect(claims[LTI_CLAIM.dlData]).toBe("opaque-platform-data");
    expect(answer.returnUrl).toBe(lms.urls.deepLinkReturn);

    // The response is signed for this moment: the LMS checks exp against its own clock.
    now = new Date();
    const fresh = await complete(await start(), { courseId: course.id, assessmentIds: [first.id, second.id], assignmentIds: [] });
    const response = await postToLms(fresh.jwt);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Received 2 items");
    expect(lms.deepLinkResponses).toHaveLength(1);
    expect(lms.deepLinkResponses[0]!.payload[LTI_CLAIM.dlData]).toBe("opaque-platform-data");
    expect(lms.lineItems.map((item) => [item.label, item.scoreMaximum, item.custom])).toEqual([
      ["Problem set 1", sum(FIRST), { [CUSTOM_ASSESSMENT]: first.id }],
      ["Problem set 2", sum(SECOND), { [CUSTOM_ASSESSMENT]: second.id }],
    ]);
    expect(lms.deepLinkResponses[0]!.contentItems.map((item) => [item.type, item.url])).toEqual([
      ["ltiResourceLink", `${ORIGIN}/lti/launch`],
      ["ltiResourceLink", `${ORIGIN}/lti/launch`],
    ]);
    // The LMS course is now tied to the course, and the request answered.
    expect(await contextCourse()).toBe(course.id);
    expect((await requestRow(requestId)).usedAt).not.toBeNull();
  });

  it("places a single exercise as its own item worth its points (tensorgrade_assignment_id)", async () => {
    now = new Date();
    const answer = await complete(await start(), { courseId: course.id, assessmentIds: [], assignmentIds: [second.assignmentIds[1]!] });
    expect((await postToLms(answer.jwt)).status).toBe(200);
    expect(lms.lineItems.map((item) => [item.label, item.scoreMaximum, item.custom])).toEqual([["Momentum (Problem set 2)", SECOND[1]!.points, { [CUSTOM_ASSIGNMENT]: second.assignmentIds[1] }]]);
  });

  it("Cancel returns an empty content_items list and answers the request", async () => {
    now = new Date();
    const requestId = await start();
    const answer = await complete(requestId, null);
    expect((await postToLms(answer.jwt)).status).toBe(200);
    expect(lms.deepLinkResponses[0]!.contentItems).toEqual([]);
    expect(lms.lineItems).toEqual([]);
    expect((await requestRow(requestId)).usedAt).not.toBeNull();
    expect(await contextCourse()).toBeNull();
  });

  it("offers only the linked course once the LMS course is linked, and refuses another course's items", async () => {
    await complete(await start(), { courseId: course.id, assessmentIds: [first.id], assignmentIds: [] });
    const options = await deepLinkOptions(db(), { userId: instructor.id, contextRowId });
    expect(options.linkedCourse).toEqual({ id: course.id, title: course.title });
    expect(options.courses.map((option) => option.id)).toEqual([course.id]);
    const requestId = await start();
    await expect(complete(requestId, { courseId: otherCourse.id, assessmentIds: [foreignAssessmentId], assignmentIds: [] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(course.title),
    });
    expect((await requestRow(requestId)).usedAt).toBeNull();
    expect(await contextCourse()).toBe(course.id);
  });

  describe("refusals change nothing", () => {
    async function refused(requestId: string, attempt: () => Promise<unknown>, expected: { code: string; message: RegExp }) {
      const keysBefore = await db().select().from(schema.ltiKeys);
      await expect(attempt()).rejects.toMatchObject({ code: expected.code, message: expect.stringMatching(expected.message) });
      expect(await contextCourse()).toBeNull();
      expect(await db().select().from(schema.ltiKeys)).toEqual(keysBefore);
      return requestRow(requestId);
    }

    it("another user's request is not found to them", async () => {
      const requestId = await start();
      const row = await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: [first.id], assignmentIds: [] }, stranger.id), { code: "NOT_FOUND", message: /No such deep linking request/ });
      expect(row.usedAt).toBeNull();
      await expect(checkedReturn(db(), { requestId, userId: stranger.id, jwt: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("a used request is refused with a clear message", async () => {
      const requestId = await start();
      await complete(requestId, { courseId: course.id, assessmentIds: [first.id], assignmentIds: [] });
      await db().update(schema.ltiContexts).set({ courseId: null }).where(eq(schema.ltiContexts.id, contextRowId));
      const before = await requestRow(requestId);
      const row = await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: [second.id], assignmentIds: [] }), { code: "CONFLICT", message: /already been answered/ });
      expect(row.usedAt).toEqual(before.usedAt);
    });

    it("an expired request is refused with a clear message", async () => {
      const requestId = await start();
      const later = new Date(now.getTime() + DEEP_LINK_REQUEST_TTL_MS);
      const row = await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: [first.id], assignmentIds: [] }, instructor.id, later), { code: "CONFLICT", message: /expired/ });
      expect(row.usedAt).toBeNull();
    });

    it("an assessment of another course is refused", async () => {
      const requestId = await start();
      const row = await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: [first.id, foreignAssessmentId], assignmentIds: [] }), { code: "INVALID_INPUT", message: /not one of Neural networks's/ });
      expect(row.usedAt).toBeNull();
    });

    it("an exercise of another course's assessment is refused", async () => {
      const requestId = await start();
      const [foreignAssignment] = await db().select().from(schema.assignments).where(eq(schema.assignments.assessmentId, foreignAssessmentId));
      const row = await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: [], assignmentIds: [foreignAssignment!.id] }), { code: "INVALID_INPUT", message: /not in one of Neural networks's/ });
      expect(row.usedAt).toBeNull();
    });

    it("a course the user does not teach is refused", async () => {
      const requestId = await start();
      const [studied] = await db().select().from(schema.assessments).where(eq(schema.assessments.courseId, studiedCourse.id));
      const row = await refused(requestId, () => complete(requestId, { courseId: studiedCourse.id, assessmentIds: [studied!.id], assignmentIds: [] }), { code: "NOT_FOUND", message: /not one you teach/ });
      expect(row.usedAt).toBeNull();
    });

    it("two items when the LMS accepts one are refused, naming how many were chosen", async () => {
      const requestId = await start({ acceptMultiple: false });
      const chosen = [first.id, second.id];
      const row = await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: chosen, assignmentIds: [] }), { code: "INVALID_INPUT", message: new RegExp(`one item at a time; you chose ${chosen.length}`) });
      expect(row.usedAt).toBeNull();
      // One is fine.
      await expect(complete(requestId, { courseId: course.id, assessmentIds: [first.id], assignmentIds: [] })).resolves.toMatchObject({ items: [expect.anything()] });
    });

    it("nothing chosen is refused", async () => {
      const requestId = await start();
      await refused(requestId, () => complete(requestId, { courseId: course.id, assessmentIds: [], assignmentIds: [] }), { code: "INVALID_INPUT", message: /Choose at least one/ });
    });
  });

  it("refuses a request whose accept types leave out resource links, storing nothing", async () => {
    const before = await db().select().from(schema.ltiDeepLinkRequests);
    await expect(start({ acceptTypes: ["file", "html"] })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("accepts only file, html") });
    expect(await db().select().from(schema.ltiDeepLinkRequests)).toEqual(before);
  });

  it("passes on only the tool's own response to an answered request of the user's", async () => {
    // Checked with jose against the clock: signed now.
    now = new Date();
    const requestId = await start();
    await expect(checkedReturn(db(), { requestId, userId: instructor.id, jwt: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
    const answer = await complete(requestId, { courseId: course.id, assessmentIds: [first.id], assignmentIds: [] });
    await expect(checkedReturn(db(), { requestId, userId: instructor.id, jwt: answer.jwt })).resolves.toEqual({ returnUrl: lms.urls.deepLinkReturn, jwt: answer.jwt });
    const forged = await lms.signIdToken({ iss: lms.clientId, aud: lms.issuer, [LTI_CLAIM.deploymentId]: lms.deploymentId, exp: Math.floor(Date.now() / 1000) + 60 });
    await expect(checkedReturn(db(), { requestId, userId: instructor.id, jwt: forged })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
