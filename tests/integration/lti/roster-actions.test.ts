/**
 * "Sync roster now" on the LMS roster page: runs the sync for a linked LMS course and says what it did with
 * the real counts; a sync the LMS refuses says why; an LMS course of another course is not found; a TA may
 * not sync. The page's list shows the last sync and its outcome.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import type { User } from "@/lib/db/schema";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { createUser } from "@/lib/users/users";
import { publicJwks } from "@/lib/lti/keys";
import { savePlatform } from "@/lib/lti/platforms";
import { forgetServiceTokens } from "@/lib/lti/service-token";
import { listLinkedLmsCourses } from "@/lib/lti/roster/linked-courses";
import { createLmsRosterHandlers } from "@/app/courses/[slug]/manage/lms/roster/handlers";
import { LIS_ROLE, startFakeLms, type FakeLms } from "../../helpers/fake-lms";
import { testBackends } from "../../helpers/test-database";

const processDb = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };
const as = (user: User) => createLmsRosterHandlers({ requireUser: async () => user, logError: vi.fn() });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

describe.each(testBackends())("the LMS roster page's sync action on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let lms: FakeLms;
  let instructor: User, ta: User;
  let contextRowId: string, otherContextRowId: string;
  let courseId: string;

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    processDb.__tensorgradeDb = Promise.resolve(handle);
    const db = handle.db;
    lms = await startFakeLms();
    lms.tool.localJwks = await publicJwks(db);
    const platformId = await savePlatform(
      db,
      { name: "Fake LMS", issuer: lms.issuer, clientId: lms.clientId, authLoginUrl: lms.urls.auth, authTokenUrl: lms.urls.token, jwksUrl: lms.urls.jwks, deploymentIds: [lms.deploymentId] },
      "manual",
    );
    const course = await createCourse(db, { slug: "nn", title: "Neural networks" });
    const other = await createCourse(db, { slug: "other", title: "Other" });
    courseId = course.id;
    instructor = await createUser(db, { email: "teach@example.org", name: "Teach" });
    ta = await createUser(db, { email: "ta@example.org", name: "Assistant" });
    await enrolUser(db, course.id, instructor.id, "instructor");
    await enrolUser(db, course.id, ta.id, "ta");
    await createUser(db, { email: "root@example.org", name: "Root", isAdmin: true });
    const gone = await createUser(db, { email: "gone@example.org", name: "Gone" });
    await db.insert(schema.ltiUserLinks).values({ platformId, sub: "gone-sub", userId: gone.id });
    await enrolUser(db, course.id, gone.id, "student");
    const existing = await createUser(db, { email: "existing@example.org", name: "Existing" });
    await enrolUser(db, course.id, existing.id, "student");
    const rows = await db
      .insert(schema.ltiContexts)
      .values([
        { platformId, deploymentId: lms.deploymentId, contextId: "lms-course-1", title: "NN (LMS)", courseId: course.id, membershipsUrl: `${lms.issuer}/contexts/lms-course-1/memberships` },
        { platformId, deploymentId: lms.deploymentId, contextId: "lms-other", title: "Other (LMS)", courseId: other.id, membershipsUrl: `${lms.issuer}/contexts/lms-other/memberships` },
      ])
      .returning();
    contextRowId = rows[0]!.id;
    otherContextRowId = rows[1]!.id;
    // "gone" came in through the LMS course (a launch recorded it): a sync that no longer lists them ends them.
    await db.insert(schema.ltiContextMembers).values({ contextRowId, userId: gone.id });
    lms.setMembers("lms-course-1", [
      { sub: "a-sub", name: "A", email: "a@example.org", roles: [LIS_ROLE.learner] },
      { sub: "b-sub", name: "B", email: "b@example.org", roles: [LIS_ROLE.learner] },
      { sub: "c-sub", name: "C", email: "c@example.org", roles: [LIS_ROLE.instructor] },
      { sub: "existing-sub", name: "Existing", email: "existing@example.org", roles: [LIS_ROLE.ta] },
      { sub: "root-sub", name: "Root", email: "root@example.org", roles: [LIS_ROLE.learner] },
    ]);
  });
  afterAll(async () => {
    processDb.__tensorgradeDb = undefined;
    forgetServiceTokens();
    await lms?.close();
    await drop?.();
  });

  it("lists the linked LMS course as never synced, then syncs it and reports the real counts", async () => {
    expect(await listLinkedLmsCourses(handle.db, courseId)).toMatchObject([
      { contextRowId, title: "NN (LMS)", platformName: "Fake LMS", issuer: lms.issuer, canSync: true, lastRosterSyncAt: null, lastRosterSyncError: null },
    ]);
    forgetServiceTokens();
    const result = await as(instructor).syncRoster(form({ slug: "nn", contextRowId }));
    expect(result).toEqual({
      ok: true,
      data: {
        failed: false,
        message: expect.stringMatching(/^Synced: 3 added, 1 role raised, 1 ended, 1 skipped \(root-sub: .*root@example\.org.*\)\. 5 members read from the LMS\.$/),
      },
    });
    const [listed] = await listLinkedLmsCourses(handle.db, courseId);
    expect(listed?.lastRosterSyncAt).toBeInstanceOf(Date);
    expect(listed?.lastRosterSyncError).toBeNull();
  });

  it("says why when the LMS refuses, and records it for the page", async () => {
    forgetServiceTokens();
    lms.failTokenRequests(1, 400);
    const result = await as(instructor).syncRoster(form({ slug: "nn", contextRowId }));
    expect(result).toMatchObject({ ok: true, data: { failed: true, message: expect.stringContaining("The roster could not be synced: The LMS refused an access token: HTTP 400") } });
    const [listed] = await listLinkedLmsCourses(handle.db, courseId);
    expect(listed?.lastRosterSyncError).toContain("HTTP 400");
  });

  it("refuses another course's LMS course, a TA, and a malformed id, changing nothing", async () => {
    expect(await as(instructor).syncRoster(form({ slug: "nn", contextRowId: otherContextRowId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(ta).syncRoster(form({ slug: "nn", contextRowId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(instructor).syncRoster(form({ slug: "nn", contextRowId: "nope" }))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const [other] = await handle.db.select().from(schema.ltiContexts).where(eq(schema.ltiContexts.id, otherContextRowId));
    expect(other?.lastRosterSyncAt).toBeNull();
  });
});
