import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { submissions, testResults, type User } from "@/lib/db/schema";
import { createAssignment } from "@/lib/courses/assignments";
import { createCourse, enrolUser } from "@/lib/courses/courses";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { enqueueGrading } from "@/lib/queue/enqueue";
import { GRADING_JOB } from "@/lib/queue/job-types";
import { RETRY_LIMIT } from "@/lib/jobs/retry-policy";
import { deliveriesInHand, startQueueNode, type QueueNode } from "@/lib/startup/queue-node";
import { checkHealth } from "@/lib/queue/health";
import { getQueueDepth } from "@/lib/queue/stats";
import { GRADER_FAILED_MESSAGE } from "@/lib/submissions/grading-service";
import { createStudentSubmission } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/users";
import { gate, jobsOf, queueBackends, ScriptedGrader, waitFor } from "./queue-fixtures";

const RIGHT = "export const stepsPerEpoch = (n, b) => Math.ceil(n / b)";

describe.each(queueBackends())("the grading queue on $name", (backend) => {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let drop: () => Promise<void>;
  let node: QueueNode;
  let courseId: string;
  const grader = new ScriptedGrader();
  let users = 0;
  let version: string;

  const start = (g: ScriptedGrader = grader, concurrency = 2) =>
    startQueueNode({ database: handle, databaseUrl: url, instanceName: `test-${backend.name}`, grading: { grader: g, concurrency } });

  /** A new student of the course (one grading in flight per student and exercise). */
  const newStudent = async (): Promise<User> => {
    const user = await createUser(handle.db, { email: `s${++users}@example.org`, name: `S${users}` });
    await enrolUser(handle.db, courseId, user.id, "student");
    return user;
  };

  /** Inserts a queued submission and enqueues `jobs` grading jobs for it, each in its own transaction. */
  const queued = async (code: string, jobs = 1): Promise<string> => {
    const user = await newStudent();
    const id = await handle.db.transaction(async (tx) => {
      const [row] = await tx.insert(submissions).values({ userId: user.id, exerciseId: "batching", exerciseVersion: version, code, variantSeed: 1 }).returning();
      await enqueueGrading(tx, row!.id);
      return row!.id;
    });
    for (let i = 1; i < jobs; i++) await handle.db.transaction((tx) => enqueueGrading(tx, id));
    return id;
  };

  const row = async (id: string) => (await handle.db.select().from(submissions).where(eq(submissions.id, id)))[0]!;
  const testsOf = (id: string) => handle.db.select().from(testResults).where(eq(testResults.submissionId, id)).orderBy(asc(testResults.position));
  const final = (id: string, timeoutMs = 20_000) =>
    waitFor(async () => {
      const r = await row(id);
      return r.status === "graded" || r.status === "error" ? r : undefined;
    }, timeoutMs, `submission ${id} to be final`);
  const jobsFor = async (id: string) => (await jobsOf(handle.db, GRADING_JOB)).filter((job) => job.data.submissionId === id);

  beforeAll(async () => {
    ({ handle, url, drop } = await backend.create());
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    // A submission names a version in the database: graders grade that version's artefact.
    version = catalogue.exercises[0]!.contentHash;
    const course = await createCourse(handle.db, { slug: "course", title: "Course" });
    courseId = course.id;
    await createAssignment(handle.db, courseId, { exerciseId: "batching" });
    node = await start();
  });
  afterAll(async () => {
    await node?.shutdown(1_000);
    await drop?.();
  });

  it("enqueues in the transaction that inserts: a rolled-back insert leaves neither row nor job", async () => {
    let insertedId = "";
    const user = await newStudent();
    await expect(
      handle.db.transaction(async (tx) => {
        const [inserted] = await tx.insert(submissions).values({ userId: user.id, exerciseId: "batching", exerciseVersion: "v", code: RIGHT, variantSeed: 1 }).returning();
        insertedId = inserted!.id;
        await enqueueGrading(tx, insertedId);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(insertedId).not.toBe("");
    expect(await handle.db.select().from(submissions).where(eq(submissions.id, insertedId))).toEqual([]);
    expect(await jobsFor(insertedId)).toEqual([]);

    const committed = await queued(RIGHT);
    expect((await final(committed)).status).toBe("graded");
    expect(await jobsFor(committed)).toMatchObject([{ state: "completed", retryCount: 0 }]);
  });

  it("grades a student's submission from the route's function, and a refused one enqueues nothing", async () => {
    const student = await newStudent();
    const hold = gate();
    grader.gate = hold.promise;
    const created = await createStudentSubmission(handle.db, { user: student, courseSlug: "course", exerciseId: "batching", request: { code: RIGHT, mode: "submit" } });
    await expect(
      createStudentSubmission(handle.db, { user: student, courseSlug: "course", exerciseId: "batching", request: { code: "again", mode: "submit" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const all = await jobsOf(handle.db, GRADING_JOB);
    const mine = new Set((await handle.db.select({ id: submissions.id }).from(submissions).where(eq(submissions.userId, student.id))).map((s) => s.id));
    expect(all.filter((job) => mine.has(job.data.submissionId ?? ""))).toHaveLength(1);
    await waitFor(async () => ((await row(created.id)).status === "running" ? true : undefined));
    expect(await getQueueDepth(handle.db)).toEqual({ queued: 0, running: 1, oldestQueuedSeconds: 0 });
    grader.gate = null;
    hold.open();
    expect(await final(created.id)).toMatchObject({ status: "graded", score: 1 });
    expect(await testsOf(created.id)).toHaveLength(2);
  });

  it("writes exactly one score when a submission's job is delivered twice, even at the same time", async () => {
    const hold = gate();
    grader.gate = hold.promise;
    const callsBefore = grader.calls.length;
    const id = await queued(RIGHT, 2);
    await waitFor(async () => (grader.calls.length >= callsBefore + 2 ? true : undefined), 20_000, "both deliveries to reach the grader");
    hold.open();
    grader.gate = null;
    const graded = await final(id);
    expect(graded).toMatchObject({ status: "graded", score: 1, gradingAttempt: 2 });
    expect(await testsOf(id)).toHaveLength(2);
    // A third delivery after the score is written finds it final and grades nothing.
    const callsAfter = grader.calls.length;
    await handle.db.transaction((tx) => enqueueGrading(tx, id));
    await waitFor(async () => ((await jobsFor(id)).every((job) => job.state === "completed") && (await jobsFor(id)).length === 3 ? true : undefined));
    expect(grader.calls.length).toBe(callsAfter);
    expect(await row(id)).toMatchObject({ score: 1, gradingAttempt: 2 });
    expect(await testsOf(id)).toHaveLength(2);
  });

  it("never retries a limit verdict (timeout, memory): it is the final result", async () => {
    grader.plan = (_call, source) => (source.includes("TIMEOUT") ? "timeout" : source.includes("MEMORY") ? "memory_limit" : "graded");
    const timeout = await queued("while (true) {} // TIMEOUT");
    const memory = await queued("const a = []; for (;;) a.push(a) // MEMORY");
    expect(await final(timeout)).toMatchObject({ status: "graded", verdict: "timeout", gradingAttempt: 1 });
    expect(await final(memory)).toMatchObject({ status: "graded", verdict: "memory_limit", gradingAttempt: 1 });
    expect(await jobsFor(timeout)).toMatchObject([{ state: "completed", retryCount: 0 }]);
    expect(grader.calls.filter((source) => source.includes("TIMEOUT"))).toHaveLength(1);
    grader.plan = () => "graded";
  });

  it("retries an infrastructure failure, and ends in `error` with a message when every delivery fails", async () => {
    const seen = new Map<string, number>();
    grader.plan = (_call, source) => {
      const n = (seen.get(source) ?? 0) + 1;
      seen.set(source, n);
      if (source.includes("BROKEN")) return "error";
      return source.includes("FLAKY") && n === 1 ? "error" : "graded";
    };
    const flaky = await queued(`${RIGHT} // FLAKY`);
    const broken = await queued(`${RIGHT} // BROKEN`);
    expect(await final(flaky, 30_000)).toMatchObject({ status: "graded", score: 1, gradingAttempt: 2 });
    expect(await final(broken, 50_000)).toMatchObject({ status: "error", score: null, message: GRADER_FAILED_MESSAGE, gradingAttempt: RETRY_LIMIT + 1 });
    expect(seen.get(`${RIGHT} // BROKEN`)).toBe(RETRY_LIMIT + 1);
    expect(await jobsFor(broken)).toMatchObject([{ state: "completed", retryCount: RETRY_LIMIT }]);
    grader.plan = () => "graded";
  }, 90_000);

  it("measures the queue depth: waiting, running and the age of the oldest waiting submission", async () => {
    const user = await newStudent();
    const createdAt = new Date(Date.now() - 90_000);
    // A row without a job stays queued: the depth is read from the submissions themselves.
    const [waiting] = await handle.db
      .insert(submissions)
      .values({ userId: user.id, exerciseId: "batching", exerciseVersion: "v", code: RIGHT, variantSeed: 1, createdAt })
      .returning();
    const depth = await getQueueDepth(handle.db);
    expect(depth).toMatchObject({ queued: 1, running: 0 });
    expect(depth.oldestQueuedSeconds).toBeGreaterThanOrEqual(90);
    expect(depth.oldestQueuedSeconds).toBeLessThan(150);
    await handle.db.delete(submissions).where(eq(submissions.id, waiting!.id));
    expect(await getQueueDepth(handle.db)).toEqual({ queued: 0, running: 0, oldestQueuedSeconds: 0 });
  });

  it("reports its health: database and queue counts, and 503 material when either is missing", async () => {
    const health = await checkHealth(async () => handle.db, node.queue);
    expect(health).toMatchObject({ status: "ok", database: { ok: true }, queue: { ok: true, queued: 0, active: 0 } });
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(0);
    if (url) expect(JSON.stringify(health)).not.toContain(new URL(url).pathname.slice(1));
    expect(await checkHealth(async () => handle.db, null)).toMatchObject({ status: "unavailable", database: { ok: true }, queue: { ok: false } });
    const down = await checkHealth(() => Promise.reject(new Error("connection refused to secret-host")), node.queue);
    expect(down).toMatchObject({ status: "unavailable", database: { ok: false, latencyMs: null } });
    expect(JSON.stringify(down)).not.toContain("secret-host");
  });

  it("stops gracefully: finishes the job in hand, or hands it back to the queue when it cannot in time", async () => {
    const hold = gate();
    grader.gate = hold.promise;
    const calls = grader.calls.length;
    const finishing = await queued(RIGHT);
    await waitFor(async () => (grader.calls.length > calls ? true : undefined));
    const stopped = node.shutdown(10_000);
    setTimeout(hold.open, 300);
    await stopped;
    grader.gate = null;
    expect(await row(finishing)).toMatchObject({ status: "graded", score: 1 });
    expect(await jobsFor(finishing)).toMatchObject([{ state: "completed" }]);
    expect(grader.closed).toBe(true);

    // A grader that never answers: the stop gives up after its bound and the job goes back.
    const stuck = new ScriptedGrader();
    stuck.gate = new Promise(() => {});
    node = await start(stuck, 1);
    const handedBack = await queued(RIGHT);
    await waitFor(async () => (stuck.calls.length > 0 ? true : undefined));
    await node.shutdown(1_000);
    expect((await row(handedBack)).status).not.toBe("graded");
    const fresh = new ScriptedGrader();
    node = await start(fresh);
    expect(await final(handedBack, 30_000)).toMatchObject({ status: "graded", score: 1 });
    expect(fresh.calls).toContain(RIGHT);
  }, 60_000);

  it("takes one delivery more than its graders: the next submission is claimed and loaded while one grades", async () => {
    await node.shutdown(1_000);
    const hold = gate();
    const single = new ScriptedGrader();
    single.gate = hold.promise;
    node = await start(single, deliveriesInHand(1));
    const first = await queued(RIGHT);
    const second = await queued(RIGHT);
    // Both are in hand (claimed, loaded and handed to the grader) while the first grading is still held.
    await waitFor(async () => (single.calls.length === 2 ? true : undefined), 20_000, "two deliveries in hand");
    expect((await row(first)).status).toBe("running");
    expect((await row(second)).status).toBe("running");
    hold.open();
    expect(await final(first)).toMatchObject({ status: "graded", score: 1 });
    expect(await final(second)).toMatchObject({ status: "graded", score: 1 });
    expect(single.calls).toHaveLength(2);
  }, 60_000);
});
