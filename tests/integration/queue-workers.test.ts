/**
 * Worker processes on real PostgreSQL (DATABASE_URL only): two `scripts/worker.ts` processes grade
 * 200 submissions while one is killed with SIGKILL in the middle of a job; then a SIGTERM lets a
 * worker finish the job in hand and exit 0. Bounded: every wait has a deadline.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/lib/db/client";
import { submissionGradings, submissions, testResults, users } from "@/lib/db/schema";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { setCatalogue } from "@/lib/exercises/registry";
import { syncExercises } from "@/lib/exercises/sync";
import { enqueueGrading } from "@/lib/queue/enqueue";
import { GRADING_JOB } from "@/lib/queue/job-types";
import { startQueueNode, type QueueNode } from "@/lib/startup/queue-node";
import { adminUrl, createPostgresDatabase, jobsOf, waitFor } from "./queue-fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SUBMISSIONS = 200;

interface Worker {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  exit: Promise<number | null>;
  onLine?: (line: Record<string, unknown>) => void;
}

describe.skipIf(!adminUrl)("grading workers on PostgreSQL", () => {
  let handle: DatabaseHandle;
  let url: string;
  let drop: () => Promise<void>;
  let producer: QueueNode;
  let code: string;
  let expectedTests: number;
  let version: string;
  const workers: Worker[] = [];

  const startWorker = (): Worker => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, GRADER_POOL_SIZE: "1", SHUTDOWN_TIMEOUT_SECONDS: "20", LOG_LEVEL: "info", VITEST: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const worker: Worker = { child, lines: [], exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const part of parts) {
        if (!part.startsWith("{")) continue;
        const line = JSON.parse(part) as Record<string, unknown>;
        worker.lines.push(line);
        if (process.env.QUEUE_TEST_DEBUG) process.stderr.write(`[worker ${child.pid}] ${part.slice(0, 400)}\n`);
        worker.onLine?.(line);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      if (process.env.QUEUE_TEST_DEBUG) process.stderr.write(`[worker ${child.pid}] ${chunk.toString()}`);
    });
    workers.push(worker);
    return worker;
  };
  const logged = (worker: Worker, msg: string) => worker.lines.filter((line) => line.msg === msg);

  /** Inserts `n` queued submissions of new students, enqueued in the inserting transactions. */
  const submitMany = async (n: number, tag: string): Promise<string[]> => {
    const people = await handle.db
      .insert(users)
      .values(Array.from({ length: n }, (_, i) => ({ email: `${tag}${i}@example.org`, name: `${tag} ${i}` })))
      .returning({ id: users.id });
    const ids: string[] = [];
    for (let start = 0; start < n; start += 50) {
      await handle.db.transaction(async (tx) => {
        const rows = await tx
          .insert(submissions)
          .values(people.slice(start, start + 50).map((person) => ({ userId: person.id, exerciseId: "batching", exerciseVersion: version, code, variantSeed: 1 })))
          .returning({ id: submissions.id });
        for (const row of rows) {
          await enqueueGrading(tx, row.id);
          ids.push(row.id);
        }
      });
    }
    return ids;
  };

  beforeAll(async () => {
    ({ handle, url, drop } = await createPostgresDatabase());
    const catalogue = await loadCatalogue(undefined, ["batching"]);
    setCatalogue(catalogue);
    await syncExercises(handle.db, catalogue.exercises);
    const batching = catalogue.exercises.find((loaded) => loaded.pkg.exercise.id === "batching")!;
    // A submission names a version in the database: graders grade that version's artefact.
    version = batching.contentHash;
    expectedTests = batching.pkg.kind === "quiz" ? 0 : batching.pkg.exercise.examples.length + batching.pkg.exercise.tests.length;
    code = await readFile(path.join(ROOT, "exercises", "batching", "solution.ts"), "utf8");
    // Every write of a final score, counted by the database itself: "exactly once" is checked here.
    await handle.db.execute(sql`create table score_writes (submission_id uuid not null, at timestamptz not null default now())`);
    await handle.db.execute(sql`create function count_score_write() returns trigger language plpgsql as $$
      begin insert into score_writes (submission_id) values (new.id); return new; end $$`);
    await handle.db.execute(sql`create trigger count_score_write after update on submissions for each row
      when (old.status = 'running' and new.status in ('graded', 'error')) execute function count_score_write()`);
    producer = await startQueueNode({ database: handle, databaseUrl: url, instanceName: "test-producer" });
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await producer?.shutdown(1_000);
    await drop?.();
  });

  it("grades 200 submissions exactly once while one of two workers is killed mid-job", async () => {
    const ids = await submitMany(SUBMISSIONS, "k");
    const victim = startWorker();
    const survivor = startWorker();
    let killedDuring: string | null = null;
    victim.onLine = (line) => {
      if (killedDuring === null && line.msg === "grading" && logged(victim, "graded").length >= 10) {
        killedDuring = String(line.submissionId);
        victim.child.kill("SIGKILL");
      }
    };
    expect(await victim.exit).not.toBe(0);
    expect(killedDuring).not.toBeNull();

    await waitFor(async () => {
      const [row] = await handle.db.select({ n: count() }).from(submissions).where(inArray(submissions.status, ["graded", "error"]));
      return Number(row?.n) === SUBMISSIONS ? true : undefined;
    }, 100_000, "all 200 submissions to be final");

    const rows = await handle.db.select().from(submissions).where(inArray(submissions.id, ids));
    expect(rows).toHaveLength(SUBMISSIONS);
    expect(rows.filter((row) => row.status === "graded" && row.verdict === "graded" && row.score === 1)).toHaveLength(SUBMISSIONS);
    // The job the victim held when it died was delivered again and graded by the survivor.
    const taken = rows.find((row) => row.id === killedDuring)!;
    expect(taken.gradingAttempt).toBeGreaterThanOrEqual(2);
    expect(logged(survivor, "graded").some((line) => line.submissionId === killedDuring && line.written === true)).toBe(true);

    const writes = (await handle.db.execute(sql`select submission_id, count(*)::int as n from score_writes group by submission_id`)) as unknown as Array<{ n: number }>;
    expect(writes).toHaveLength(SUBMISSIONS);
    expect(writes.every((write) => write.n === 1)).toBe(true);
    const perSubmission = (await handle.db
      .select({ id: testResults.submissionId, n: count() })
      .from(testResults)
      .where(inArray(testResults.submissionId, ids))
      .groupBy(testResults.submissionId)) as Array<{ n: number }>;
    expect(expectedTests).toBeGreaterThan(0);
    expect(perSubmission).toHaveLength(SUBMISSIONS);
    expect(perSubmission.every((row) => Number(row.n) === expectedTests)).toBe(true);
    expect(await handle.db.select({ n: count() }).from(submissionGradings)).toEqual([{ n: 0 }]);
    const jobs = (await jobsOf(handle.db, GRADING_JOB)).filter((job) => ids.includes(job.data.submissionId ?? ""));
    expect(jobs.filter((job) => job.state === "completed")).toHaveLength(SUBMISSIONS);
  }, 150_000);

  it("on SIGTERM finishes the job in hand, leaves the rest queued and exits 0", async () => {
    const worker = workers[1]!;
    let inHand: string | null = null;
    worker.onLine = (line) => {
      if (inHand === null && line.msg === "grading") {
        inHand = String(line.submissionId);
        worker.child.kill("SIGTERM");
      }
    };
    const ids = await submitMany(20, "t");
    expect(await worker.exit).toBe(0);
    expect(inHand).not.toBeNull();
    expect(logged(worker, "shutdown complete")).toHaveLength(1);
    const [held] = await handle.db.select().from(submissions).where(eq(submissions.id, inHand!));
    expect(held).toMatchObject({ status: "graded", score: 1 });
    const rest = await handle.db.select().from(submissions).where(inArray(submissions.id, ids));
    const notFinal = rest.filter((row) => row.status === "queued" || row.status === "running");
    // Nothing lost: whatever it did not take is still queued, with a live job for each.
    expect(rest.filter((row) => row.status === "graded").length + notFinal.length).toBe(20);
    const live = new Set((await jobsOf(handle.db, GRADING_JOB)).filter((job) => ["created", "retry", "active"].includes(job.state)).map((job) => job.data.submissionId));
    expect(notFinal.every((row) => live.has(row.id))).toBe(true);
    expect(notFinal.length).toBeGreaterThan(0);
  }, 60_000);
});
