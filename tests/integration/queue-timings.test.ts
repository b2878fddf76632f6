import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { assessments, assignments, submissionGradings, submissions, type Course, type NewSubmission } from "@/lib/db/schema";
import { createCourse } from "@/lib/courses/courses";
import { checkHealth } from "@/lib/queue/health";
import type { JobQueue } from "@/lib/queue/port";
import { getQueueTimings, NO_TIMING } from "@/lib/queue/timings";
import { createUser } from "@/lib/users/users";
import { testBackends } from "../helpers/test-database";

const T0 = new Date("2026-12-01T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testBackends())("queue timings on $name", (backend) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let course: Course, otherCourse: Course;
  const assignmentOf = new Map<string, string>();

  beforeAll(async () => {
    ({ handle, drop } = await backend.create());
    const { db } = handle;
    await db.execute(sql`insert into exercises (id, title, topic, kind, points, difficulty, current_version) values ('timed', 'Timed', 'topic', 'code', 10, 'easy', 'v1')`);
    course = await createCourse(db, { slug: "timed", title: "Timed" });
    otherCourse = await createCourse(db, { slug: "elsewhere", title: "Elsewhere" });
    for (const { id } of [course, otherCourse]) {
      const [assessment] = await db.insert(assessments).values({ courseId: id, title: "Set" }).returning();
      const [assignment] = await db.insert(assignments).values({ courseId: id, assessmentId: assessment!.id, exerciseId: "timed" }).returning();
      assignmentOf.set(id, assignment!.id);
    }
    const student = await createUser(db, { email: "timed@example.org", name: "Timed" });
    const base = { userId: student.id, exerciseId: "timed", exerciseVersion: "v1", variantSeed: 1, mode: "submit" } as const;
    const rows: NewSubmission[] = [];
    // Ten graded code submissions in the course, one a second: waits 100 … 1000 ms, gradings 20 … 200 ms
    // (10 ms between the claim and the grader's start); the first five were seen 50 ms after their score.
    for (let i = 1; i <= 10; i++) {
      const createdAt = at(i * 1000);
      const claimedAt = new Date(createdAt.getTime() + i * 100);
      const startedAt = new Date(claimedAt.getTime() + 10);
      const gradedAt = new Date(startedAt.getTime() + i * 20);
      const firstSeenAt = i <= 5 ? new Date(gradedAt.getTime() + 50) : null;
      rows.push({ ...base, assignmentId: assignmentOf.get(course.id), code: `// ${i}`, status: "graded", createdAt, claimedAt, startedAt, gradedAt, firstSeenAt });
    }
    // Still waiting: counted as sent, in no interval.
    rows.push({ ...base, assignmentId: assignmentOf.get(course.id), code: "// waiting", mode: "run", status: "queued", createdAt: at(11_000) });
    // A quiz answer is graded as it is sent and never queues: left out, however its times look.
    rows.push({ ...base, assignmentId: assignmentOf.get(course.id), answers: { q: 1 }, status: "graded", createdAt: at(500), startedAt: at(500), gradedAt: at(90_000) });
    // Before the window.
    rows.push({ ...base, assignmentId: assignmentOf.get(course.id), code: "// old", status: "graded", createdAt: at(-3_600_000), claimedAt: at(0), startedAt: at(0), gradedAt: at(1) });
    // Another course's, and an instructor's preview (no course): site-wide only.
    rows.push({ ...base, assignmentId: assignmentOf.get(otherCourse.id), code: "// other", status: "graded", createdAt: at(2_000), claimedAt: at(7_000), startedAt: at(7_000), gradedAt: at(7_500) });
    rows.push({ ...base, assignmentId: null, code: "// preview", mode: "run", status: "graded", createdAt: at(3_000), claimedAt: at(8_000), startedAt: at(8_000), gradedAt: at(8_500) });
    await db.insert(submissions).values(rows);
  });
  afterAll(async () => {
    await drop?.();
  });

  it("gives each stage's median and 95th percentile over a course's code submissions of the window", async () => {
    const timings = await getQueueTimings(handle.db, { since: T0, courseId: course.id });
    expect(timings).toEqual({
      submissions: 11,
      // percentile_cont interpolates: p95 of 100 … 1000 is 900 + 0.55 × 100.
      queueWait: { count: 10, p50Ms: 550, p95Ms: 955 },
      grading: { count: 10, p50Ms: 110, p95Ms: 191 },
      // wait + 10 + grading: 130 … 1210 ms in steps of 120.
      submitToGraded: { count: 10, p50Ms: 670, p95Ms: 1156 },
      // The first five: 180 … 660 ms in steps of 120 → p50 420, p95 636.
      submitToSeen: { count: 5, p50Ms: 420, p95Ms: 636 },
    });
  });

  it("covers every course and the previews site-wide, and nothing before the window", async () => {
    const timings = await getQueueTimings(handle.db, { since: T0 });
    expect(timings.submissions).toBe(13);
    expect(timings.queueWait.count).toBe(12);
    expect(timings.queueWait.p95Ms).toBeGreaterThan(955);
    expect(await getQueueTimings(handle.db, { since: at(60_000) })).toEqual({ submissions: 0, queueWait: NO_TIMING, grading: NO_TIMING, submitToGraded: NO_TIMING, submitToSeen: NO_TIMING });
  });

  it("reports the site-wide queue wait of the last 15 minutes on /api/health, and nothing that names anyone", async () => {
    const queue = { inspect: async () => ({ failed: 0 }) } as unknown as JobQueue;
    const health = await checkHealth(async () => handle.db, queue, at(12_000));
    expect(health.queue.wait).toEqual({ windowSeconds: 900, submissions: 13, p50Ms: expect.any(Number), p95Ms: expect.any(Number) });
    expect(health.queue.wait!.p50Ms).toBeGreaterThanOrEqual(550);
    const later = await checkHealth(async () => handle.db, queue, at(24 * 3_600_000));
    expect(later.queue.wait).toEqual({ windowSeconds: 900, submissions: 0, p50Ms: null, p95Ms: null });
    expect(JSON.stringify(health)).not.toMatch(/timed@example|Timed|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("counts submit → graded to a regraded submission's first result, and its grading as the latest one", async () => {
    const { db } = handle;
    const [regraded] = await db
      .insert(submissions)
      .values({ userId: (await db.select({ id: submissions.userId }).from(submissions).limit(1))[0]!.id, assignmentId: assignmentOf.get(otherCourse.id), exerciseId: "timed", exerciseVersion: "v1", variantSeed: 1, code: "// regraded", status: "graded", createdAt: at(100_000), claimedAt: at(100_100), startedAt: at(500_000), gradedAt: at(500_040) })
      .returning();
    await db.insert(submissionGradings).values({ submissionId: regraded!.id, exerciseVersion: "v0", tests: [], gradedAt: at(100_300) });
    const timings = await getQueueTimings(db, { since: at(100_000), courseId: otherCourse.id });
    expect(timings).toMatchObject({ submissions: 1, queueWait: { p50Ms: 100 }, grading: { p50Ms: 40 }, submitToGraded: { p50Ms: 300 } });
  });

});

