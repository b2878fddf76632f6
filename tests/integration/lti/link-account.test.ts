/**
 * Account linking at a launch: an LMS's email claim never takes over an account that has a password. The
 * launch waits at /lti/link-account/<id> for that password (checked as a sign-in, its limits too), then
 * links, enrols, signs in and goes on; a passwordless account is linked at once. Also: launches without
 * the NRPS/AGS claims keep the context's services, context members are recorded, a deep linking placement
 * that takes no LTI links is refused, a TA cannot link an LMS course, and a roster sync skips an account
 * with a password.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import { renderToStaticMarkup } from "react-dom/server";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { Assignment, Course, User } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { readFrameOrigins } from "@/lib/http/framing";
import { linkedAccount, LtiAccountError, LtiLinkNeedsPasswordError } from "@/lib/lti/accounts";
import { publicJwks } from "@/lib/lti/keys";
import { confirmPendingLink, PENDING_LINK_TTL_MS } from "@/lib/lti/launch/pending-links";
import { savePlatform } from "@/lib/lti/platforms";
import { forgetServiceTokens } from "@/lib/lti/service-token";
import { syncRoster } from "@/lib/lti/roster/sync";
import { createUser } from "@/lib/users/users";
import { LIS_ROLE, startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";
import { launcher, launchRowCounts, setCookies, TOOL_ORIGIN } from "./launch-helpers";

const hoisted = vi.hoisted(() => {
  process.env.AUTH_SECRET = "lti-link-account-test-secret-0123456789abcdef";
  return { db: null as unknown };
});
vi.mock("@/lib/db", () => ({ getDb: async () => hoisted.db }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
}));

const login = await import("@/app/lti/login/route");
const launchRoute = await import("@/app/lti/launch/route");
const { createLinkAccountHandlers } = await import("@/app/lti/link-account/[id]/handlers");
const LinkAccountPage = (await import("@/app/lti/link-account/[id]/page")).default;

const SECRET = process.env.AUTH_SECRET!;
const PASSWORD = "correct horse battery staple";
const LIS = "http://purl.imsglobal.org/vocab/lis/v2";
const DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
const learner = (sub: string, email = `${sub}@uni.test`) => ({ sub, name: `Learner ${sub}`, email, roles: [LIS_ROLE.learner] });
const instructor = (sub: string, email = `${sub}@uni.test`) => ({ sub, name: `Teacher ${sub}`, email, roles: [LIS_ROLE.instructor] });

describe.each(testBackends())("LMS account linking at a launch on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let platformId: string;
  let course: Course;
  let assignment: Assignment;
  let flow: ReturnType<typeof launcher>;

  /** The link form's handler, with a cookie jar that keeps what it is given. */
  function linkForm() {
    const jar = new Map<string, { value: string; options: { sameSite: string; httpOnly: boolean } }>();
    const handlers = createLinkAccountHandlers({ address: async () => "203.0.113.9", origin: async () => TOOL_ORIGIN, setCookie: async (name, value, options) => void jar.set(name, { value, options }) });
    const link = (pendingId: string, password: string) => {
      const form = new FormData();
      form.set("pendingId", pendingId);
      form.set("password", password);
      return handlers.link(form);
    };
    return { jar, link };
  }

  /** The pending link a launch's 303 points at. */
  function pendingIdOf(response: Response): string {
    expect(response.status, "a 303 to the link page").toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toMatch(/^\/lti\/link-account\/[0-9a-f-]{36}$/);
    return location.pathname.split("/").at(-1)!;
  }

  const linksOf = (sub: string) => handle.db.select().from(schema.ltiUserLinks).where(and(eq(schema.ltiUserLinks.platformId, platformId), eq(schema.ltiUserLinks.sub, sub)));
  const enrolmentOf = async (userId: string, courseId = course.id) =>
    (await handle.db.select().from(schema.enrolments).where(and(eq(schema.enrolments.userId, userId), eq(schema.enrolments.courseId, courseId))))[0];
  const contextOf = async (contextId: string) => (await handle.db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.contextId, contextId)))[0];

  async function renderPage(id: string): Promise<string> {
    return renderToStaticMarkup(await LinkAccountPage({ params: Promise.resolve({ id }) }));
  }

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    hoisted.db = handle.db;
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    course = await createCourse(handle.db, { slug: "nn", title: "Neural networks" });
    assignment = await createAssignment(handle.db, course.id, { exerciseId: "batching" });
    lms = await startFakeLms();
    lms.tool = { login: `${TOOL_ORIGIN}/lti/login`, launch: `${TOOL_ORIGIN}/lti/launch`, localJwks: await publicJwks(handle.db) };
    platformId = await savePlatform(
      handle.db,
      { name: "Uni Moodle", issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
      "manual",
    );
    flow = launcher(lms, { login: login.GET, launch: launchRoute.POST });
    // The LMS course is linked by its instructor's first launch (an account made by the LMS: no password).
    const teacher = await createUser(handle.db, { email: "teach@uni.test", name: "Teach" });
    await enrolUser(handle.db, course.id, teacher.id, "instructor");
    const { response } = await flow.launch({ user: instructor("teach"), resourceLinkId: "rl-exercise", custom: { tensorgrade_assignment_id: assignment.id } });
    expect(response.status, await response.clone().text()).toBe(303);
  });
  afterAll(async () => {
    forgetServiceTokens();
    await lms?.close();
    await drop?.();
  });

  it("waits for the password of an existing account: nothing linked, a wrong password refused, the right one links, enrols, signs in and goes on", async () => {
    const pat = await createUser(handle.db, { email: "pat@uni.test", name: "Pat", password: PASSWORD });
    const before = await launchRowCounts(handle.db);
    const { response } = await flow.launch({ user: learner("pat-sub", "pat@uni.test"), resourceLinkId: "rl-exercise" });
    const pendingId = pendingIdOf(response);
    // Not signed in; the state cookie cleared; nothing linked or enrolled.
    const cookies = setCookies(response);
    expect([...cookies.keys()].some((name) => name.includes("session-token"))).toBe(false);
    expect(cookies.has("tg-lti-frame")).toBe(false);
    expect([...cookies.entries()].find(([name]) => name.startsWith("tg-lti-state-"))?.[1].attributes).toContain("Max-Age=0");
    expect(await launchRowCounts(handle.db)).toEqual(before);
    expect(await linksOf("pat-sub")).toEqual([]);
    expect(await enrolmentOf(pat.id)).toBeUndefined();
    const context = (await contextOf("lms-course-1"))!;
    const [pending] = await handle.db.select().from(schema.ltiPendingLinks).where(eq(schema.ltiPendingLinks.id, pendingId));
    expect(pending).toMatchObject({ platformId, sub: "pat-sub", userId: pat.id, courseId: course.id, role: "student", contextRowId: context.id, redirectPath: "/courses/nn/exercises/batching", frameOrigins: [lms.issuer], usedAt: null });
    expect(pending!.expiresAt.getTime() - pending!.createdAt.getTime()).toBe(PENDING_LINK_TTL_MS);

    // The page asks for the password, naming the account and the LMS.
    const page = await renderPage(pendingId);
    expect(page).toContain("An account with <strong>pat@uni.test</strong> already exists in Tensorgrade. Enter its password to link your Uni Moodle account");
    expect(page).toContain('type="password"');
    expect(page).toContain("Link and continue");

    // A wrong password: a clear refusal, nothing linked, the link still open.
    const form = linkForm();
    const wrong = await form.link(pendingId, "not the password");
    expect(wrong).toEqual({ ok: false, code: "INVALID_INPUT", error: "That is not the password of pat@uni.test. Nothing was linked." });
    expect(form.jar.size).toBe(0);
    expect(await linksOf("pat-sub")).toEqual([]);
    expect(await enrolmentOf(pat.id)).toBeUndefined();
    const empty = await form.link(pendingId, "");
    expect(empty).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { password: ["is required"] } });

    // The right one: linked by the sub, enrolled with the launch's role, a member through this LMS course, signed in.
    const right = await form.link(pendingId, PASSWORD);
    expect(right).toEqual({ ok: true, data: { redirectPath: "/courses/nn/exercises/batching" } });
    expect((await linksOf("pat-sub")).map((link) => link.userId)).toEqual([pat.id]);
    expect((await enrolmentOf(pat.id))?.role).toBe("student");
    expect(await handle.db.select().from(schema.ltiContextMembers).where(and(eq(schema.ltiContextMembers.contextRowId, context.id), eq(schema.ltiContextMembers.userId, pat.id)))).toHaveLength(1);
    const [signedIn] = await handle.db.select().from(schema.users).where(eq(schema.users.id, pat.id));
    const session = form.jar.get("next-auth.session-token")!;
    expect(session.options).toMatchObject({ httpOnly: true, sameSite: "lax" });
    expect(await decode({ token: session.value, secret: SECRET })).toMatchObject({ sub: pat.id, email: "pat@uni.test", name: "Pat", sv: signedIn!.sessionVersion, sid: signedIn!.currentSessionId });
    expect(signedIn!.currentSessionId).toBeTruthy();
    expect(readFrameOrigins(form.jar.get("tg-lti-frame")!.value, SECRET)).toEqual([lms.issuer]);

    // Used once: a second submission is refused and changes nothing; the page says so.
    const again = linkForm();
    expect(await again.link(pendingId, PASSWORD)).toEqual({ ok: false, code: "CONFLICT", error: "This account link was already used. Open the link in the LMS again." });
    expect(again.jar.size).toBe(0);
    expect(await renderPage(pendingId)).toContain("already used");

    // From now on the LMS signs Pat in directly (linked by the sub).
    const next = await flow.launch({ user: learner("pat-sub", "pat@uni.test"), resourceLinkId: "rl-exercise" });
    expect(next.response.status).toBe(303);
    expect(next.response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn/exercises/batching`);
    const token = await decode({ token: setCookies(next.response).get("next-auth.session-token")!.value, secret: SECRET });
    expect(token?.sub).toBe(pat.id);
  });

  it("refuses an expired or unknown link, and applies the sign-in limits to its password", async () => {
    const quinn = await createUser(handle.db, { email: "quinn@uni.test", name: "Quinn", password: PASSWORD });
    const pendingId = pendingIdOf((await flow.launch({ user: learner("quinn-sub", "quinn@uni.test"), resourceLinkId: "rl-exercise" })).response);
    await handle.db.update(schema.ltiPendingLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.ltiPendingLinks.id, pendingId));
    const form = linkForm();
    expect(await form.link(pendingId, PASSWORD)).toEqual({ ok: false, code: "CONFLICT", error: "This account link expired (it lasts 15 minutes). Open the link in the LMS again." });
    expect(await renderPage(pendingId)).toContain("expired (it lasts 15 minutes)");
    expect(await form.link("00000000-0000-4000-8000-000000000000", PASSWORD)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await expect(renderPage("00000000-0000-4000-8000-000000000000")).rejects.toThrow("NOT_FOUND");
    await expect(renderPage("not-a-uuid")).rejects.toThrow("NOT_FOUND");
    expect(form.jar.size).toBe(0);
    expect(await linksOf("quinn-sub")).toEqual([]);
    expect(await enrolmentOf(quinn.id)).toBeUndefined();

    // Five wrong passwords are free; the sixth attempt (even the right password) at the same moment waits.
    const fresh = pendingIdOf((await flow.launch({ user: learner("quinn-sub", "quinn@uni.test"), resourceLinkId: "rl-exercise" })).response);
    const now = new Date();
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(confirmPendingLink(handle.db, { pendingId: fresh, password: "guess", address: "198.51.100.7", now })).rejects.toThrow("That is not the password of quinn@uni.test");
    }
    await expect(confirmPendingLink(handle.db, { pendingId: fresh, password: PASSWORD, address: "198.51.100.7", now })).rejects.toThrow(/Too many password attempts for quinn@uni.test\. Try again in \d+ seconds/);
    expect(await linksOf("quinn-sub")).toEqual([]);
    // Later (the delay over), the right password links.
    await expect(confirmPendingLink(handle.db, { pendingId: fresh, password: PASSWORD, address: "198.51.100.7", now: new Date(now.getTime() + 60_000) })).resolves.toMatchObject({ userId: quinn.id });
    expect((await linksOf("quinn-sub")).map((link) => link.userId)).toEqual([quinn.id]);
  });

  it("links an account without a password (made by an LMS, never activated) at once, and records the member", async () => {
    const rae = await createUser(handle.db, { email: "rae@uni.test", name: "Rae" });
    const { response } = await flow.launch({ user: learner("rae-sub", "rae@uni.test"), resourceLinkId: "rl-exercise" });
    expect(response.headers.get("location")).toBe(`${TOOL_ORIGIN}/courses/nn/exercises/batching`);
    expect((await linksOf("rae-sub")).map((link) => link.userId)).toEqual([rae.id]);
    const context = (await contextOf("lms-course-1"))!;
    expect(await handle.db.select().from(schema.ltiContextMembers).where(and(eq(schema.ltiContextMembers.contextRowId, context.id), eq(schema.ltiContextMembers.userId, rae.id)))).toHaveLength(1);
    // A second launch records nothing twice.
    await flow.launch({ user: learner("rae-sub", "rae@uni.test"), resourceLinkId: "rl-exercise" });
    expect((await handle.db.select({ n: count() }).from(schema.ltiContextMembers).where(eq(schema.ltiContextMembers.userId, rae.id)))[0]!.n).toBe(1);
  });

  it("a new LMS course is linked by an instructor with a password only once the password is given; a TA cannot link it", async () => {
    const other = await createCourse(handle.db, { slug: "cv", title: "Computer vision" });
    const cvAssignment = await createAssignment(handle.db, other.id, { exerciseId: "batching" });
    const ta = await createUser(handle.db, { email: "tess@uni.test", name: "Tess" });
    await enrolUser(handle.db, other.id, ta.id, "ta");
    const before = await launchRowCounts(handle.db);
    const { form, cookieHeader } = await flow.start({ user: instructor("tess-sub", "tess@uni.test"), contextId: "cv-lms", resourceLinkId: "cv-1", custom: { tensorgrade_assignment_id: cvAssignment.id } });
    const refused = await flow.post({ id_token: form.idToken, state: form.state }, cookieHeader);
    const html = await refused.text();
    expect(html).toContain('data-refusal="unlinked_course"');
    expect(await launchRowCounts(handle.db)).toEqual(before);

    const vera = await createUser(handle.db, { email: "vera@uni.test", name: "Vera", password: PASSWORD });
    await enrolUser(handle.db, other.id, vera.id, "instructor");
    const pendingId = pendingIdOf((await flow.launch({ user: instructor("vera-sub", "vera@uni.test"), contextId: "cv-lms", resourceLinkId: "cv-1", custom: { tensorgrade_assignment_id: cvAssignment.id } })).response);
    expect((await contextOf("cv-lms"))?.courseId).toBeNull();
    expect(await linkForm().link(pendingId, PASSWORD)).toEqual({ ok: true, data: { redirectPath: "/courses/cv/exercises/batching" } });
    expect((await contextOf("cv-lms"))?.courseId).toBe(other.id);
    expect((await enrolmentOf(vera.id, other.id))?.role).toBe("instructor");
  });

  it("keeps the context's NRPS and AGS services when a launch does not offer them", async () => {
    const before = (await contextOf("lms-course-1"))!;
    expect(before.membershipsUrl).toBe(`${lms.issuer}/contexts/lms-course-1/memberships`);
    const { response } = await flow.launch({
      user: learner("sam-sub", "sam@uni.test"),
      resourceLinkId: "rl-exercise",
      overrides: { "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": undefined, "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": undefined },
    });
    expect(response.status).toBe(303);
    const after = (await contextOf("lms-course-1"))!;
    expect({ membershipsUrl: after.membershipsUrl, lineItemsUrl: after.lineItemsUrl, agsScopes: after.agsScopes }).toEqual({
      membershipsUrl: before.membershipsUrl,
      lineItemsUrl: before.lineItemsUrl,
      agsScopes: before.agsScopes,
    });
    expect(after.agsScopes.length).toBeGreaterThan(0);
  });

  it("refuses a deep linking request from a placement that takes no LTI links, creating nothing", async () => {
    const requests = await handle.db.select({ n: count() }).from(schema.ltiDeepLinkRequests);
    const settings = { deep_link_return_url: lms.urls.deepLinkReturn, accept_types: ["file", "html"], accept_multiple: true };
    const { form, cookieHeader } = await flow.start({ user: instructor("teach"), messageType: "LtiDeepLinkingRequest", overrides: { [DL_SETTINGS]: settings } });
    const before = await launchRowCounts(handle.db);
    const response = await flow.post({ id_token: form.idToken, state: form.state }, cookieHeader);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('data-refusal="unsupported_deep_link"');
    expect(html).toContain("This LMS placement cannot receive Tensorgrade content");
    expect(html).toContain("The LMS accepts only file, html here");
    expect(await launchRowCounts(handle.db)).toEqual(before);
    expect(await handle.db.select({ n: count() }).from(schema.ltiDeepLinkRequests)).toEqual(requests);
    const [state] = await handle.db.select().from(schema.ltiLoginStates).where(eq(schema.ltiLoginStates.state, form.state));
    expect(state?.usedAt).not.toBeNull();
  });

  it("an institution role does not make an instructor: Canvas's institution Instructor launching as a learner is a student", async () => {
    const { response } = await flow.launch({ user: { sub: "ivy-sub", name: "Ivy", email: "ivy@uni.test", roles: [`${LIS}/institution/person#Instructor`, LIS_ROLE.learner] }, resourceLinkId: "rl-exercise" });
    expect(response.status).toBe(303);
    const [ivy] = await handle.db.select().from(schema.users).where(eq(schema.users.email, "ivy@uni.test"));
    expect((await enrolmentOf(ivy!.id))?.role).toBe("student");
  });

  describe("outside a launch (roster sync)", () => {
    let withPassword: User;
    beforeAll(async () => {
      withPassword = await createUser(handle.db, { email: "wendy@uni.test", name: "Wendy", password: PASSWORD });
    });

    it("linkedAccount throws LtiLinkNeedsPasswordError (an LtiAccountError) for an account with a password, and links nothing", async () => {
      const error = await linkedAccount(handle.db, platformId, { sub: "wendy-sub", name: "Wendy", email: "WENDY@uni.test" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LtiLinkNeedsPasswordError);
      expect(error).toBeInstanceOf(LtiAccountError);
      expect(error).toMatchObject({ userId: withPassword.id, email: "wendy@uni.test" });
      expect(await linksOf("wendy-sub")).toEqual([]);
    });

    it("a roster sync skips and reports a member whose email names an account with a password", async () => {
      const context = (await contextOf("lms-course-1"))!;
      lms.setMembers("lms-course-1", [
        { sub: "wendy-sub", name: "Wendy", email: "wendy@uni.test", roles: [LIS_ROLE.learner] },
        { sub: "xavi-sub", name: "Xavi", email: "xavi@uni.test", roles: [LIS_ROLE.learner] },
      ]);
      forgetServiceTokens();
      const result = await syncRoster(handle.db, context.id);
      expect(result.skipped).toEqual([{ sub: "wendy-sub", reason: expect.stringContaining("wendy@uni.test already exists in Tensorgrade and has a password") }]);
      expect(await linksOf("wendy-sub")).toEqual([]);
      expect(await enrolmentOf(withPassword.id)).toBeUndefined();
      expect(await linksOf("xavi-sub")).toHaveLength(1);
    });
  });
});
