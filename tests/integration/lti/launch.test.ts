import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import type { DatabaseHandle } from "@/lib/db/client";
import { enrolments, ltiContexts, ltiLoginStates, ltiResourceLinks, ltiUserLinks, users, type Assignment, type Course } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createAssessment } from "@/lib/courses/assessments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { readFrameOrigins } from "@/lib/http/framing";
import { publicJwks } from "@/lib/lti/keys";
import { savePlatform } from "@/lib/lti/platforms";
import { createUser } from "@/lib/users/users";
import { LIS_ROLE, startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";
import { launcher, launchRowCounts, setCookies, TOOL_ORIGIN } from "./launch-helpers";

const hoisted = vi.hoisted(() => {
  process.env.AUTH_SECRET = "lti-launch-test-secret-0123456789abcdefghij";
  return { db: null as unknown, deepLinks: [] as unknown[], rosterSyncs: [] as string[] };
});
vi.mock("@/lib/db", () => ({ getDb: async () => hoisted.db }));
// The seams other parts implement: the launch's calls are what is checked here.
vi.mock("@/lib/lti/deep-linking/start", () => ({
  startDeepLinking: async (_tx: unknown, start: unknown) => {
    hoisted.deepLinks.push(start);
    return "request-1";
  },
}));
vi.mock("@/lib/lti/roster/schedule", () => ({
  scheduleRosterSync: async (_tx: unknown, contextRowId: string) => {
    hoisted.rosterSyncs.push(contextRowId);
  },
}));

const login = await import("@/app/lti/login/route");
const launchRoute = await import("@/app/lti/launch/route");
const jwksRoute = await import("@/app/lti/jwks/route");

const SECRET = process.env.AUTH_SECRET!;
const learner = (sub: string, email = `${sub}@uni.test`) => ({ sub, name: `Learner ${sub}`, email, roles: [LIS_ROLE.learner] });
const instructor = (sub: string) => ({ sub, name: `Teacher ${sub}`, email: `${sub}@uni.test`, roles: [LIS_ROLE.instructor] });

describe.each(testBackends())("the LTI launch on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let course: Course;
  let other: Course;
  let assignment: Assignment;
  let otherAssessmentId: string;
  let flow: ReturnType<typeof launcher>;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    hoisted.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    course = await createCourse(handle.db, { slug: "nn", title: "Neural networks" });
    other = await createCourse(handle.db, { slug: "other", title: "Other" });
    assignment = await createAssignment(handle.db, course.id, { exerciseId: "batching" });
    otherAssessmentId = (await createAssessment(handle.db, other.id, { title: "Elsewhere" })).id;
    const admin = await createUser(handle.db, { email: "admin@uni.test", name: "Admin" });
    await handle.db.update(users).set({ isAdmin: true }).where(eq(users.id, admin.id));
    lms = await startFakeLms();
    lms.tool = { login: `${TOOL_ORIGIN}/lti/login`, launch: `${TOOL_ORIGIN}/lti/launch`, localJwks: await publicJwks(handle.db) };
    await savePlatform(handle.db, { issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] }, "manual");
    flow = launcher(lms, { login: login.GET, launch: launchRoute.POST });
  });
  afterAll(async () => {
    await lms?.close();
    await drop?.();
  });
  beforeEach(() => {
    hoisted.deepLinks.length = 0;
    hoisted.rosterSyncs.length = 0;
  });

  /** Expects the refusal page for `code` with `text` in it, and no row created by the launch. */
  async function expectRefused(response: Response, code: string, text: RegExp, before: Awaited<ReturnType<typeof launchRowCounts>>) {
    const html = await response.text();
    expect(response.status, html).toBeGreaterThanOrEqual(400);
    expect(html).toContain(`data-refusal="${code}"`);
    expect(html).toMatch(text);
    expect(html).toContain("Nothing was changed");
    expect(response.headers.getSetCookie().some((cookie) => cookie.includes("session-token"))).toBe(false);
    expect(await launchRowCounts(handle.db)).toEqual(before);
  }

  it("lets the course's own instructor link the LMS course by a first launch, not a student", async () => {
    const before = await launchRowCounts(handle.db);
    const refused = await flow.launch({ user: learner("early"), resourceLinkId: "rl-exercise", custom: { tensorgrade_assignment_id: assignment.id } });
    await expectRefused(refused.response, "unlinked_course", /not linked to the Tensorgrade course/, before);
    const teacher = await createUser(handle.db, { email: "teach@uni.test", name: "Teach" });
    await enrolUser(handle.db, course.id, teacher.id, "instructor");
    const { response } = await flow.launch({ user: instructor("teach"), resourceLinkId: "rl-exercise", custom: { tensorgrade_assignment_id: assignment.id } });
    expect(response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn/exercises/batching`);
    const [context] = await handle.db.select().from(ltiContexts).where(eq(ltiContexts.contextId, "lms-course-1"));
    expect(context?.courseId).toBe(course.id);
  });

  it("lands a student in the exercise: account created, enrolled as a student, context and link recorded, signed in", async () => {
    const before = await launchRowCounts(handle.db);
    const lineItemUrl = `${lms.issuer}/contexts/lms-course-1/lineitems/li-1`;
    const { response } = await flow.launch({ user: learner("ada"), resourceLinkId: "rl-exercise", custom: { tensorgrade_assignment_id: assignment.id }, lineItemUrl });
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn/exercises/batching`);

    const [ada] = await handle.db.select().from(users).where(eq(users.email, "ada@uni.test"));
    expect(ada?.name).toBe("Learner ada");
    const [enrolment] = await handle.db.select().from(enrolments).where(and(eq(enrolments.userId, ada!.id), eq(enrolments.courseId, course.id)));
    expect(enrolment?.role).toBe("student");
    const [link] = await handle.db.select().from(ltiUserLinks).where(eq(ltiUserLinks.sub, "ada"));
    expect(link?.userId).toBe(ada!.id);
    const [context] = await handle.db.select().from(ltiContexts).where(eq(ltiContexts.contextId, "lms-course-1"));
    expect(context).toMatchObject({ courseId: course.id, title: "Neural Networks (LMS)", deploymentId: lms.deploymentId, membershipsUrl: `${lms.issuer}/contexts/lms-course-1/memberships`, lineItemsUrl: `${lms.issuer}/contexts/lms-course-1/lineitems` });
    expect(context?.agsScopes).toContain("https://purl.imsglobal.org/spec/lti-ags/scope/score");
    const [resourceLink] = await handle.db.select().from(ltiResourceLinks).where(eq(ltiResourceLinks.resourceLinkId, "rl-exercise"));
    expect(resourceLink).toMatchObject({ contextRowId: context!.id, assignmentId: assignment.id, assessmentId: null, lineItemUrl, title: "Placement" });
    expect(hoisted.rosterSyncs).toEqual([context!.id]);
    expect(await launchRowCounts(handle.db)).toEqual({ users: before.users + 1, enrolments: before.enrolments + 1, userLinks: before.userLinks + 1, contexts: before.contexts, resourceLinks: before.resourceLinks });

    // The session cookie next-auth reads: its own name over http, the claims of a password sign-in.
    const cookies = setCookies(response);
    const session = cookies.get("next-auth.session-token")!;
    expect(session.attributes).toContain("HttpOnly");
    expect(session.attributes).toContain("SameSite=Lax");
    const token = await decode({ token: session.value, secret: SECRET });
    expect(token).toMatchObject({ sub: ada!.id, email: "ada@uni.test", name: "Learner ada", sv: ada!.sessionVersion, sid: ada!.currentSessionId });
    expect(ada!.currentSessionId).toBeTruthy();
    // The LMS may frame the app from now on: the signed frame cookie names the LMS's origin.
    expect(readFrameOrigins(cookies.get("tg-lti-frame")!.value, SECRET)).toEqual([lms.issuer]);
    expect(readFrameOrigins(cookies.get("tg-lti-frame")!.value, "another-secret-0123456789abcdefghijkl")).toEqual([]);

    // A second launch of the same link: the same account, nothing new; the link remembers its target.
    const again = await flow.launch({ user: learner("ada"), resourceLinkId: "rl-exercise" });
    expect(again.response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn/exercises/batching`);
    const after = await launchRowCounts(handle.db);
    expect(after.users).toBe(before.users + 1);
    expect(after.resourceLinks).toBe(before.resourceLinks);
    const [kept] = await handle.db.select().from(ltiResourceLinks).where(eq(ltiResourceLinks.resourceLinkId, "rl-exercise"));
    expect(kept?.lineItemUrl).toBe(lineItemUrl);
  });

  it("makes an instructor an instructor, and a link without a target in the linked course opens the course page", async () => {
    const { response } = await flow.launch({ user: instructor("grace"), resourceLinkId: "rl-course-home" });
    expect(response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn`);
    const [grace] = await handle.db.select().from(users).where(eq(users.email, "grace@uni.test"));
    const [enrolment] = await handle.db.select().from(enrolments).where(and(eq(enrolments.userId, grace!.id), eq(enrolments.courseId, course.id)));
    expect(enrolment?.role).toBe("instructor");
  });

  it("links an existing account by its email, and never lowers a role given in Tensorgrade", async () => {
    const existing = await createUser(handle.db, { email: "tara@uni.test", name: "Tara" });
    await enrolUser(handle.db, course.id, existing.id, "ta");
    const { response } = await flow.launch({ user: learner("tara"), custom: { tensorgrade_assignment_id: assignment.id } });
    expect(response.status).toBe(303);
    const [link] = await handle.db.select().from(ltiUserLinks).where(eq(ltiUserLinks.sub, "tara"));
    expect(link?.userId).toBe(existing.id);
    const [enrolment] = await handle.db.select().from(enrolments).where(and(eq(enrolments.userId, existing.id), eq(enrolments.courseId, course.id)));
    expect(enrolment?.role).toBe("ta");
  });

  it("hands an instructor's deep linking request over and opens its picker", async () => {
    const { response } = await flow.launch({ user: instructor("grace"), messageType: "LtiDeepLinkingRequest" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${TOOL_ORIGIN}/lti/deep-link/request-1`);
    const [grace] = await handle.db.select().from(users).where(eq(users.email, "grace@uni.test"));
    const [context] = await handle.db.select().from(ltiContexts).where(eq(ltiContexts.contextId, "lms-course-1"));
    expect(hoisted.deepLinks).toEqual([
      { platformId: context!.platformId, deploymentId: lms.deploymentId, userId: grace!.id, contextRowId: context!.id, returnUrl: lms.urls.deepLinkReturn, data: "opaque-platform-data", acceptTypes: ["ltiResourceLink"], acceptMultiple: true },
    ]);
  });

  it("serves the tool's public keys", async () => {
    const response = await jwksRoute.GET();
    const body = (await response.json()) as { keys: { kid: string; d?: string }[] };
    expect(body.keys.length).toBeGreaterThan(0);
    expect(body.keys.every((key) => key.d === undefined)).toBe(true);
  });

  describe("refuses every invalid launch, saying what was wrong and creating nothing", () => {
    const cases: { name: string; code: string; text: RegExp; spec: Parameters<typeof flow.launch>[0] }[] = [
      { name: "a bad signature", code: "bad_signature", text: /signature does not verify/, spec: { user: learner("mallory"), signWithForeignKey: true } },
      { name: "a wrong audience", code: "wrong_audience", text: /meant for another tool/, spec: { user: learner("mallory"), overrides: { aud: "someone-else", azp: undefined } } },
      { name: "several audiences without azp", code: "wrong_azp", text: /authorized party/, spec: { user: learner("mallory"), overrides: { aud: ["tensorgrade-client", "other-tool"], azp: undefined } } },
      { name: "an expired token", code: "expired_token", text: /id_token has expired/, spec: { user: learner("mallory"), overrides: { iat: Math.floor(Date.now() / 1000) - 900, exp: Math.floor(Date.now() / 1000) - 600 } } },
      { name: "a foreign nonce", code: "wrong_nonce", text: /nonce does not match/, spec: { user: learner("mallory"), overrides: { nonce: "another-launch-nonce" } } },
      { name: "an unknown deployment", code: "unknown_deployment", text: /deployment is not registered.*deployment-x/, spec: { user: learner("mallory"), overrides: { "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-x" } } },
      { name: "another LTI version", code: "wrong_version", text: /not LTI 1\.3\.0.*1\.1/, spec: { user: learner("mallory"), overrides: { "https://purl.imsglobal.org/spec/lti/claim/version": "1.1" } } },
      { name: "an unknown message type", code: "wrong_message_type", text: /not supported.*LtiSubmissionReviewRequest/, spec: { user: learner("mallory"), overrides: { "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiSubmissionReviewRequest" } } },
      { name: "a student's deep linking request", code: "not_instructor", text: /Only an instructor/, spec: { user: learner("mallory"), messageType: "LtiDeepLinkingRequest" } },
      { name: "an unknown target", code: "unknown_target", text: /does not exist.*tensorgrade_assessment_id=00000000-0000-4000-8000-000000000000/, spec: { user: learner("mallory"), custom: { tensorgrade_assessment_id: "00000000-0000-4000-8000-000000000000" } } },
      { name: "a target in another course than the linked one", code: "course_mismatch", text: /another course/, spec: { user: learner("mallory"), resourceLinkId: "rl-other" } },
      { name: "a link with nothing to open", code: "no_target", text: /not connected/, spec: { user: learner("mallory"), contextId: "unlinked-course" } },
      { name: "a first launch that would link a new LMS course, by a student", code: "unlinked_course", text: /not linked to the Tensorgrade course/, spec: { user: learner("mallory"), contextId: "fresh-course", custom: { tensorgrade_assessment_id: "ASSESSMENT" } } },
      { name: "a site administrator's email", code: "account_refused", text: /cannot be signed in.*admin@uni\.test.*site administrator/, spec: { user: learner("root", "admin@uni.test") } },
      { name: "no LMS course", code: "no_context", text: /names no LMS course/, spec: { user: learner("mallory"), overrides: { "https://purl.imsglobal.org/spec/lti/claim/context": undefined } } },
    ];
    it.each(cases)("$name", async ({ code, text, spec }) => {
      // The linked context exists (the first test); the mismatch case points at another course's assessment.
      const withTarget = code === "course_mismatch" ? { ...spec, custom: { tensorgrade_assessment_id: otherAssessmentId } } : spec.custom?.tensorgrade_assessment_id === "ASSESSMENT" ? { ...spec, custom: { tensorgrade_assignment_id: assignment.id } } : spec;
      const { form, cookieHeader } = await flow.start(withTarget);
      const before = await launchRowCounts(handle.db);
      await expectRefused(await flow.post({ id_token: form.idToken, state: form.state }, cookieHeader), code, text, before);
      const [state] = await handle.db.select().from(ltiLoginStates).where(eq(ltiLoginStates.state, form.state));
      expect(state?.usedAt).not.toBeNull();
    });

    it("a replayed launch (the same nonce again) and a token replayed with a new state", async () => {
      const first = await flow.launch({ user: learner("ada"), custom: { tensorgrade_assignment_id: assignment.id } });
      expect(first.response.status).toBe(303);
      const before = await launchRowCounts(handle.db);
      await expectRefused(await flow.post({ id_token: first.form.idToken, state: first.form.state }, first.cookieHeader), "state_used", /already used/, before);
      const fresh = await flow.start({ user: learner("ada") });
      await expectRefused(await flow.post({ id_token: first.form.idToken, state: fresh.form.state }, fresh.cookieHeader), "wrong_nonce", /nonce does not match/, before);
    });

    it("an unknown platform, at login initiation: no state stored", async () => {
      const states = await handle.db.select().from(ltiLoginStates);
      const { response } = await flow.login({ user: learner("mallory") }, { iss: "https://lms.unknown.test" });
      const html = await response.text();
      expect(response.status).toBe(400);
      expect(html).toContain('data-refusal="unknown_platform"');
      expect(html).toContain("issuer https://lms.unknown.test");
      expect(await handle.db.select().from(ltiLoginStates)).toHaveLength(states.length);
    });

    it("a login initiation posted as a form works as the GET does", async () => {
      const hint = new URL(lms.prepareLaunch({ user: learner("ada") })).searchParams.get("hint")!;
      const body = new URLSearchParams({ iss: lms.issuer, login_hint: "ada", target_link_uri: `${TOOL_ORIGIN}/lti/launch`, lti_message_hint: hint, client_id: lms.clientId });
      const response = await login.POST(new Request(`${TOOL_ORIGIN}/lti/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() }));
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location")!);
      expect(location.origin + location.pathname).toBe(lms.urls.auth);
      expect(Object.fromEntries(["client_id", "response_type", "response_mode", "scope", "prompt", "redirect_uri", "login_hint", "lti_message_hint"].map((name) => [name, location.searchParams.get(name)]))).toEqual({
        client_id: lms.clientId,
        response_type: "id_token",
        response_mode: "form_post",
        scope: "openid",
        prompt: "none",
        redirect_uri: `${TOOL_ORIGIN}/lti/launch`,
        login_hint: "ada",
        lti_message_hint: hint,
      });
      const state = location.searchParams.get("state")!;
      const [stored] = await handle.db.select().from(ltiLoginStates).where(eq(ltiLoginStates.state, state));
      expect(stored?.nonce).toBe(location.searchParams.get("nonce"));
      expect(setCookies(response).get(`tg-lti-state-${state}`)?.value).toBe(state);
    });

    it("a login initiation without its parameters", async () => {
      const response = await login.GET(new Request(`${TOOL_ORIGIN}/lti/login?iss=${encodeURIComponent(lms.issuer)}`));
      const html = await response.text();
      expect(html).toContain('data-refusal="bad_request"');
      expect(html).toMatch(/login_hint, target_link_uri/);
    });

    it("a missing, unknown, mismatched or expired state", async () => {
      const { form, cookieHeader } = await flow.start({ user: learner("mallory") });
      const before = await launchRowCounts(handle.db);
      await expectRefused(await flow.post({ id_token: form.idToken }, cookieHeader), "bad_request", /needs an id_token and a state/, before);
      await expectRefused(await flow.post({ id_token: form.idToken, state: "made-up" }, cookieHeader), "unknown_state", /not started here/, before);
      const cookieName = cookieHeader.split("=")[0]!;
      await expectRefused(await flow.post({ id_token: form.idToken, state: form.state }, `${cookieName}=another-state`), "state_mismatch", /another browser/, before);

      const late = await flow.start({ user: learner("mallory") });
      await handle.db.update(ltiLoginStates).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ltiLoginStates.state, late.form.state));
      await expectRefused(await flow.post({ id_token: late.form.idToken, state: late.form.state }, late.cookieHeader), "expired_state", /expired/, before);
    });
  });

  describe("a frame that refuses the state cookie", () => {
    it("posts again from the tool's own page, then offers a new window with the same login initiation", async () => {
      const before = await launchRowCounts(handle.db);
      const { form } = await flow.start({ user: learner("ada") }, { cookie: false });
      const first = await flow.post({ id_token: form.idToken, state: form.state });
      const resubmit = await first.text();
      expect(first.status).toBe(200);
      expect(resubmit).toContain('action="/lti/launch"');
      expect(resubmit).toContain('name="resubmitted" value="1"');
      expect(first.headers.get("content-security-policy")).toContain("frame-ancestors *");

      const second = await flow.post({ id_token: form.idToken, state: form.state, resubmitted: "1" });
      const html = await second.text();
      expect(html).toContain("Open in a new window");
      const href = /href="([^"]+)" target="_blank"/.exec(html)![1]!.replaceAll("&#38;", "&");
      const again = new URL(href);
      expect(again.origin + again.pathname).toBe(`${TOOL_ORIGIN}/lti/login`);
      expect(again.searchParams.get("iss")).toBe(lms.issuer);
      expect(again.searchParams.get("login_hint")).toBe("ada");
      expect(again.searchParams.get("client_id")).toBe(lms.clientId);
      expect(again.searchParams.get("lti_message_hint")).toBeTruthy();
      expect(await launchRowCounts(handle.db)).toEqual(before);
      // The state is still unused: the new window's launch is a fresh one, this one may still come back with its cookie.
      const [state] = await handle.db.select().from(ltiLoginStates).where(eq(ltiLoginStates.state, form.state));
      expect(state?.usedAt).toBeNull();
    });
  });

  it("purges expired login states a bounded batch at a time", async () => {
    const [platform] = await handle.db.select({ platformId: ltiLoginStates.platformId }).from(ltiLoginStates).limit(1);
    const old = new Date(Date.now() - 60 * 60 * 1000);
    await handle.db.insert(ltiLoginStates).values(Array.from({ length: 3 }, (_, i) => ({ state: `old-${i}`, nonce: `old-nonce-${i}`, platformId: platform!.platformId, loginParams: {}, expiresAt: old })));
    await flow.login({ user: learner("ada") });
    const left = await handle.db.select().from(ltiLoginStates).where(eq(ltiLoginStates.nonce, "old-nonce-0"));
    expect(left).toEqual([]);
  });
});
