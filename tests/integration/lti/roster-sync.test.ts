/**
 * The NRPS roster sync against the fake LMS: paging over Link headers, accounts and enrolments with the
 * mapped roles, departed LMS-linked students ended (accommodations too), everyone else untouched, a site
 * admin's email skipped and reported, and a platform failure recorded with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import type { Db } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createUser } from "@/lib/users/users";
import { grantAccommodation } from "@/lib/accommodations";
import { publicJwks } from "@/lib/lti/keys";
import { getPlatform, savePlatform } from "@/lib/lti/platforms";
import { forgetServiceTokens } from "@/lib/lti/service-token";
import { NRPS_SCOPE } from "@/lib/lti/claims";
import { MAX_MEMBERSHIP_PAGES, readMemberships } from "@/lib/lti/roster/memberships";
import { RosterSyncError, syncRoster } from "@/lib/lti/roster/sync";
import { ltiRosterSyncJob } from "@/lib/jobs/lti-roster-sync";
import { RetryJobError } from "@/lib/queue/port";
import { getLogger } from "@/lib/logging/logger";
import { LIS_ROLE, startFakeLms, type FakeLms, type FakeMember } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

const CONTEXT = "lms-course-1";

async function members(db: Db, courseId: string) {
  const rows = await db
    .select({ email: schema.users.email, name: schema.users.name, role: schema.enrolments.role })
    .from(schema.enrolments)
    .innerJoin(schema.users, eq(schema.users.id, schema.enrolments.userId))
    .where(eq(schema.enrolments.courseId, courseId));
  return Object.fromEntries(rows.map((row) => [row.email, row.role]));
}

describe.each(testBackends())("LMS roster sync (NRPS) on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let platformId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    lms = await startFakeLms();
    lms.tool.localJwks = await publicJwks(handle.db);
    platformId = await savePlatform(
      handle.db,
      { issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
      "manual",
    );
  });
  afterAll(async () => {
    forgetServiceTokens();
    await lms?.close();
    await drop?.();
  });

  async function linkedContext(slug: string, contextId = CONTEXT) {
    const db = handle.db;
    const course = await createCourse(db, { slug, title: `Course ${slug}` });
    const [context] = await db
      .insert(schema.ltiContexts)
      .values({ platformId, deploymentId: lms.deploymentId, contextId, title: "Neural Networks (LMS)", courseId: course.id, membershipsUrl: `${lms.issuer}/contexts/${contextId}/memberships` })
      .returning();
    return { course, context: context! };
  }

  /** A student linked to the platform by `sub`, enrolled, who came in through the LMS courses `through` (context rows). */
  async function linkedStudent(courseId: string, sub: string, email: string, through: string[] = []) {
    const user = await createUser(handle.db, { email, name: sub });
    await handle.db.insert(schema.ltiUserLinks).values({ platformId, sub, userId: user.id });
    await enrolUser(handle.db, courseId, user.id, "student");
    for (const contextRowId of through) await handle.db.insert(schema.ltiContextMembers).values({ contextRowId, userId: user.id });
    return user;
  }

  /** The emails recorded as having come in through the LMS course `contextRowId`. */
  async function cameThrough(contextRowId: string) {
    const rows = await handle.db
      .select({ email: schema.users.email })
      .from(schema.ltiContextMembers)
      .innerJoin(schema.users, eq(schema.users.id, schema.ltiContextMembers.userId))
      .where(eq(schema.ltiContextMembers.contextRowId, contextRowId));
    return rows.map((row) => row.email).sort();
  }

  it("reads every page, creates and enrols the active members with their LMS roles, ends departed linked students only, and skips a site admin's email", async () => {
    const db = handle.db;
    const { course, context } = await linkedContext("nrps");
    // Tensorgrade's own people: an instructor (also LMS-linked, absent from the list) and a student added by hand.
    const teacher = await createUser(db, { email: "teacher@example.org", name: "Teacher" });
    await enrolUser(db, course.id, teacher.id, "instructor");
    await db.insert(schema.ltiUserLinks).values({ platformId, sub: "teacher-old-sub", userId: teacher.id });
    const manual = await createUser(db, { email: "manual@example.org", name: "Manual" });
    await enrolUser(db, course.id, manual.id, "student");
    // LMS-linked students: one gone from the LMS course, one the LMS lists as deleted, each with an accommodation.
    const gone = await linkedStudent(course.id, "gone-sub", "gone@example.org", [context.id]);
    const dropped = await linkedStudent(course.id, "dropped-sub", "dropped@example.org", [context.id]);
    const scope = { courseId: course.id, actorId: teacher.id };
    await grantAccommodation(db, scope, { target: { userId: gone.id }, assessmentId: null, extraAttempts: 2 });
    // An account that exists here as a student, whom the LMS lists as a TA; and a site administrator.
    const existing = await createUser(db, { email: "existing@example.org", name: "Existing" });
    await enrolUser(db, course.id, existing.id, "student");
    await createUser(db, { email: "root@example.org", name: "Root", isAdmin: true });

    const roster: FakeMember[] = [
      { sub: "ada-sub", name: "Ada Lovelace", email: "ada@example.org", roles: [LIS_ROLE.learner] },
      { sub: "ben-sub", name: "Ben Noether", email: "ben@example.org", roles: ["Learner"] },
      { sub: "ines-sub", name: "Ines Instructor", email: "ines@example.org", roles: [LIS_ROLE.instructor] },
      { sub: "existing-sub", name: "Existing", email: "existing@example.org", roles: [LIS_ROLE.ta] },
      { sub: "root-sub", name: "Root", email: "root@example.org", roles: [LIS_ROLE.learner] },
      { sub: "dropped-sub", name: "Dropped", email: "dropped@example.org", roles: [LIS_ROLE.learner], status: "Deleted" },
    ];
    lms.setMembers(CONTEXT, roster);
    forgetServiceTokens();
    const before = lms.tokenRequests.length;
    const now = new Date("2026-12-06T20:00:00Z");

    const result = await syncRoster(db, context.id, { now, actorId: null });

    // Six members at two a page: three pages, one token.
    expect(result.members).toBe(roster.length);
    expect(lms.tokenRequests.slice(before)).toEqual([{ scope: NRPS_SCOPE, ok: true }]);
    expect(result).toMatchObject({ added: 3, updated: 1, ended: 2, notice: null });
    expect(result.skipped).toEqual([{ sub: "root-sub", reason: expect.stringContaining("root@example.org") }]);
    expect(await members(db, course.id)).toEqual({
      "teacher@example.org": "instructor",
      "manual@example.org": "student",
      "existing@example.org": "ta",
      "ada@example.org": "student",
      "ben@example.org": "student",
      "ines@example.org": "instructor",
    });
    // Accounts are linked by the platform's sub (the existing one by its email); the admin's is not.
    const links = await db.select({ sub: schema.ltiUserLinks.sub, email: schema.users.email }).from(schema.ltiUserLinks).innerJoin(schema.users, eq(schema.users.id, schema.ltiUserLinks.userId));
    expect(links.map((link) => `${link.sub} ${link.email}`).sort()).toEqual(
      ["ada-sub ada@example.org", "ben-sub ben@example.org", "dropped-sub dropped@example.org", "existing-sub existing@example.org", "gone-sub gone@example.org", "ines-sub ines@example.org", "teacher-old-sub teacher@example.org"].sort(),
    );
    const [ada] = await db.select().from(schema.users).where(eq(schema.users.email, "ada@example.org"));
    expect(ada?.name).toBe("Ada Lovelace");
    // The departed student's accommodation ended with the enrolment, audited as the system's doing.
    expect(await db.select().from(schema.accommodations).where(eq(schema.accommodations.userId, gone.id))).toEqual([]);
    const audit = await db.select().from(schema.accommodationAudit).where(and(eq(schema.accommodationAudit.userId, gone.id), eq(schema.accommodationAudit.action, "revoked")));
    expect(audit).toMatchObject([{ actorId: null, summary: expect.stringContaining("removed from the course") }]);
    // Their accounts stay; their record of coming in through the LMS course goes. Every active member enrolled has one.
    expect((await db.select().from(schema.users).where(eq(schema.users.id, dropped.id))).length).toBe(1);
    expect(await cameThrough(context.id)).toEqual(["ada@example.org", "ben@example.org", "existing@example.org", "ines@example.org"]);
    const [recorded] = await db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, context.id));
    expect(recorded).toMatchObject({ lastRosterSyncAt: now, lastRosterSyncError: null });

    // Again: nothing new to do.
    const again = await syncRoster(db, context.id);
    expect(again).toMatchObject({ members: roster.length, added: 0, updated: 0, ended: 0 });
    expect(again.skipped).toHaveLength(1);
  });

  it("records a token failure on the LMS course and changes nothing", async () => {
    const db = handle.db;
    const { course, context } = await linkedContext("nrps-down", "lms-course-down");
    await linkedStudent(course.id, "stays-sub", "stays@example.org", [context.id]);
    lms.setMembers("lms-course-down", [{ sub: "new-sub", name: "New", email: "new@example.org", roles: [LIS_ROLE.learner] }]);
    forgetServiceTokens();
    lms.failTokenRequests(1, 503);
    const now = new Date("2026-12-06T21:00:00Z");

    const failure = await syncRoster(db, context.id, { now }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RosterSyncError);
    expect((failure as RosterSyncError).retryable).toBe(true);
    expect(await members(db, course.id)).toEqual({ "stays@example.org": "student" });
    expect(await db.select().from(schema.users).where(eq(schema.users.email, "new@example.org"))).toEqual([]);
    const [recorded] = await db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, context.id));
    expect(recorded?.lastRosterSyncAt).toEqual(now);
    expect(recorded?.lastRosterSyncError).toMatch(/HTTP 503.*temporarily_unavailable/);

    // The platform is back: the next sync goes through and clears the error.
    const result = await syncRoster(db, context.id);
    expect(result).toMatchObject({ added: 1, ended: 1 });
    const [cleared] = await db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, context.id));
    expect(cleared?.lastRosterSyncError).toBeNull();
  });

  it("as a job: retries a failing platform, gives up on a refusal, and records the dead letter", async () => {
    const { context } = await linkedContext("nrps-job", "lms-course-job");
    lms.setMembers("lms-course-job", [{ sub: "job-sub", name: "Job", email: "job@example.org", roles: [LIS_ROLE.learner] }]);
    const jobContext = { db: handle.db, log: getLogger(), stopping: () => false } as Parameters<typeof ltiRosterSyncJob.handle>[0];
    const delivery = { jobId: "job-1", attempt: 1, final: false, completeIn: async () => {} };
    forgetServiceTokens();
    lms.failTokenRequests(1, 503);
    await expect(ltiRosterSyncJob.handle(jobContext, { contextRowId: context.id }, delivery)).rejects.toBeInstanceOf(RetryJobError);
    // A token refused as invalid_client (the LMS's copy of our keys predates a rotation) is retried too.
    lms.failTokenRequests(1, 401);
    await expect(ltiRosterSyncJob.handle(jobContext, { contextRowId: context.id }, delivery)).rejects.toBeInstanceOf(RetryJobError);
    lms.failTokenRequests(1, 403);
    await expect(ltiRosterSyncJob.handle(jobContext, { contextRowId: context.id }, delivery)).resolves.toEqual({ failed: expect.stringContaining("HTTP 403") });
    await expect(ltiRosterSyncJob.handle(jobContext, { contextRowId: context.id }, delivery)).resolves.toEqual({ added: 1, updated: 0, ended: 0, skipped: 0 });
    await ltiRosterSyncJob.onDeadLetter(jobContext, { contextRowId: context.id }, "job-1");
    const [recorded] = await handle.db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, context.id));
    expect(recorded?.lastRosterSyncError).toContain("gave up after 5 tries");
  });

  it("keeps a student of two sections whom one section drops, and ends one who came in through the dropping section only", async () => {
    const db = handle.db;
    const { course, context } = await linkedContext("two-sections", "section-a");
    const [sectionB] = await db
      .insert(schema.ltiContexts)
      .values({ platformId, deploymentId: lms.deploymentId, contextId: "section-b", courseId: course.id, membershipsUrl: `${lms.issuer}/contexts/section-b/memberships` })
      .returning();
    await linkedStudent(course.id, "both-sub", "both@example.org", [context.id, sectionB!.id]);
    await linkedStudent(course.id, "b-only-sub", "b-only@example.org", [sectionB!.id]);
    await linkedStudent(course.id, "a-only-sub", "a-only@example.org", [context.id]);
    await linkedStudent(course.id, "inactive-sub", "inactive@example.org", [context.id, sectionB!.id]);
    lms.setMembers("section-a", [
      { sub: "a-student-sub", name: "A Student", email: "a-student@example.org", roles: [LIS_ROLE.learner] },
      { sub: "inactive-sub", name: "Inactive", email: "inactive@example.org", roles: [LIS_ROLE.learner], status: "Inactive" },
    ]);

    const result = await syncRoster(db, context.id);

    // Section A's list is complete: only a-only leaves the course; both and inactive still come through section B.
    expect(result).toMatchObject({ added: 1, ended: 1, notice: null });
    expect(await members(db, course.id)).toEqual({
      "both@example.org": "student",
      "b-only@example.org": "student",
      "inactive@example.org": "student",
      "a-student@example.org": "student",
    });
    expect(await cameThrough(context.id)).toEqual(["a-student@example.org"]);
    expect(await cameThrough(sectionB!.id)).toEqual(["b-only@example.org", "both@example.org", "inactive@example.org"]);

    // Section B drops "both" as well: now their enrolment ends.
    lms.setMembers("section-b", [
      { sub: "b-only-sub", name: "B Only", email: "b-only@example.org", roles: [LIS_ROLE.learner] },
      { sub: "inactive-sub", name: "Inactive", email: "inactive@example.org", roles: [LIS_ROLE.learner] },
    ]);
    expect(await syncRoster(db, sectionB!.id)).toMatchObject({ added: 0, ended: 1, notice: null });
    expect(Object.keys(await members(db, course.id)).sort()).toEqual(["a-student@example.org", "b-only@example.org", "inactive@example.org"]);
    expect(await cameThrough(sectionB!.id)).toEqual(["b-only@example.org", "inactive@example.org"]);
  });

  it("leaves alone a student added by hand who is linked to the platform through another course", async () => {
    const db = handle.db;
    const { course, context } = await linkedContext("by-hand", "lms-course-hand");
    const { course: other, context: otherContext } = await linkedContext("by-hand-other", "lms-course-other");
    // Came in through another LMS course into another Tensorgrade course; added to this one by hand.
    const student = await linkedStudent(other.id, "hand-sub", "hand@example.org", [otherContext.id]);
    await enrolUser(db, course.id, student.id, "student");
    lms.setMembers("lms-course-hand", [{ sub: "listed-sub", name: "Listed", email: "listed@example.org", roles: [LIS_ROLE.learner] }]);

    const result = await syncRoster(db, context.id);

    expect(result).toMatchObject({ added: 1, ended: 0, notice: null });
    expect(await members(db, course.id)).toEqual({ "hand@example.org": "student", "listed@example.org": "student" });
    expect(await members(db, other.id)).toEqual({ "hand@example.org": "student" });
    expect(await cameThrough(otherContext.id)).toEqual(["hand@example.org"]);
    expect(await cameThrough(context.id)).toEqual(["listed@example.org"]);
  });

  it("refuses a context that is not linked to a course or has no memberships URL, and says why", async () => {
    const [context] = await handle.db.insert(schema.ltiContexts).values({ platformId, deploymentId: lms.deploymentId, contextId: "unlinked", title: "Unlinked" }).returning();
    await expect(syncRoster(handle.db, context!.id)).rejects.toThrow("not linked to a Tensorgrade course");
    const [recorded] = await handle.db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, context!.id));
    expect(recorded?.lastRosterSyncError).toContain("not linked to a Tensorgrade course");
  });

  it(`stops after ${MAX_MEMBERSHIP_PAGES} pages and reports the list as incomplete`, async () => {
    const many: FakeMember[] = Array.from({ length: MAX_MEMBERSHIP_PAGES * 2 + 1 }, (_, i) => ({ sub: `m-${i}`, roles: [LIS_ROLE.learner] }));
    lms.setMembers("huge", many);
    const platform = (await getPlatform(handle.db, platformId))!;
    const list = await readMemberships(handle.db, platform, `${lms.issuer}/contexts/huge/memberships`);
    expect(list.pages).toBe(MAX_MEMBERSHIP_PAGES);
    expect(list.members).toHaveLength(MAX_MEMBERSHIP_PAGES * 2);
    expect(list.incomplete).toContain(`more than ${MAX_MEMBERSHIP_PAGES} pages`);
  });
});
