/**
 * scheduleRosterSync on the real queue adapter (pg-boss in the app's database): a job only for a context
 * linked to a course with a memberships URL, not again right after a sync, and one per context per
 * interval however many launches ask.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { createCourse } from "@/lib/courses/courses";
import { getLogger } from "@/lib/logging/logger";
import { savePlatform } from "@/lib/lti/platforms";
import { scheduleRosterSync, ROSTER_SYNC_INTERVAL_SECONDS } from "@/lib/lti/roster/schedule";
import { ltiRosterSyncJob } from "@/lib/jobs/lti-roster-sync";
import { openPgBossQueue } from "@/lib/queue/pg-boss/adapter";
import { LTI_ROSTER_SYNC_JOB } from "@/lib/queue/job-types";
import { setActiveQueue, type JobQueue } from "@/lib/queue/port";
import { jobsOf, queueBackends } from "../queue-fixtures";

describe.each(queueBackends())("scheduling LMS roster syncs on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let queue: JobQueue;
  let platformId: string;
  let courseId: string;

  beforeAll(async () => {
    const created = await backend.create();
    ({ handle, drop } = created);
    // Sends only: nothing consumes, so the jobs stay queued for the test to read.
    queue = await openPgBossQueue({ database: handle, databaseUrl: created.url, instanceName: `roster-schedule-${backend.name}`, jobs: [ltiRosterSyncJob], log: getLogger() });
    setActiveQueue(queue);
    platformId = await savePlatform(
      handle.db,
      { issuer: "https://lms.example", clientId: "c1", authLoginUrl: "https://lms.example/auth", authTokenUrl: "https://lms.example/token", jwksUrl: "https://lms.example/jwks", deploymentIds: ["d1"] },
      "manual",
    );
    courseId = (await createCourse(handle.db, { slug: "scheduled", title: "Scheduled" })).id;
  });
  afterAll(async () => {
    await queue?.stop(2_000);
    setActiveQueue(undefined);
    await drop?.();
  });

  async function context(contextId: string, values: Partial<typeof schema.ltiContexts.$inferInsert>) {
    const [row] = await handle.db
      .insert(schema.ltiContexts)
      .values({ platformId, deploymentId: "d1", contextId, ...values })
      .returning();
    return row!.id;
  }
  const jobsFor = async (contextRowId: string) => (await jobsOf(handle.db, LTI_ROSTER_SYNC_JOB)).filter((job) => (job.data as { contextRowId?: string }).contextRowId === contextRowId);

  it("queues one sync for a linked context with a memberships URL, however many launches ask within the interval", async () => {
    const id = await context("linked", { courseId, membershipsUrl: "https://lms.example/contexts/linked/memberships" });
    const slot = () => Math.floor(Date.now() / (ROSTER_SYNC_INTERVAL_SECONDS * 1000));
    const first = slot();
    for (let launch = 0; launch < 5; launch++) await handle.db.transaction((tx) => scheduleRosterSync(tx, id));
    const jobs = await jobsFor(id);
    expect(jobs[0]).toMatchObject({ state: "created", data: { contextRowId: id } });
    // The queue's slots are aligned on the clock: a loop that crosses a slot's end may leave a second job.
    expect(jobs).toHaveLength(slot() === first ? 1 : 2);
  });

  it("queues nothing for a context without a course or a memberships URL, or one synced within the interval", async () => {
    const noCourse = await context("no-course", { membershipsUrl: "https://lms.example/contexts/no-course/memberships" });
    const noUrl = await context("no-url", { courseId });
    const now = new Date();
    const fresh = await context("fresh", { courseId, membershipsUrl: "https://lms.example/contexts/fresh/memberships", lastRosterSyncAt: new Date(now.getTime() - 10_000) });
    for (const id of [noCourse, noUrl, fresh]) await handle.db.transaction((tx) => scheduleRosterSync(tx, id, now));
    for (const id of [noCourse, noUrl, fresh]) expect(await jobsFor(id)).toEqual([]);

    // Once the interval has passed since its last sync, it is queued again.
    await handle.db.update(schema.ltiContexts).set({ lastRosterSyncAt: new Date(now.getTime() - ROSTER_SYNC_INTERVAL_SECONDS * 1000 - 1) }).where(eq(schema.ltiContexts.id, fresh));
    await handle.db.transaction((tx) => scheduleRosterSync(tx, fresh, now));
    expect(await jobsFor(fresh)).toHaveLength(1);
  });

  it("sends nothing when the launch's transaction rolls back", async () => {
    const id = await context("rolled-back", { courseId, membershipsUrl: "https://lms.example/contexts/rolled-back/memberships" });
    await expect(
      handle.db.transaction(async (tx) => {
        await scheduleRosterSync(tx, id);
        throw new Error("the launch failed");
      }),
    ).rejects.toThrow("the launch failed");
    expect(await jobsFor(id)).toEqual([]);
  });
});
