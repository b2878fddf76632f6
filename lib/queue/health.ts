import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { GRADING_JOB } from "./job-types";
import type { JobQueue } from "./port";
import { getQueueDepth } from "./stats";
import { getQueueTimings } from "./timings";

export interface Health {
  status: "ok" | "unavailable";
  database: { ok: boolean; latencyMs: number | null };
  queue: { ok: boolean; queued: number | null; active: number | null; oldestQueuedSeconds: number | null; failed?: number; wait?: QueueWait };
}

/**
 * Sent → claimed by a worker, over the code submissions of the last WAIT_WINDOW_SECONDS, site-wide.
 * Submissions still waiting are not in it (they have no claim yet): `queued` and `oldestQueuedSeconds`
 * say how many wait and for how long.
 */
export interface QueueWait {
  windowSeconds: number;
  /** Code submissions sent in the window. */
  submissions: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

const CHECK_TIMEOUT_MS = 3_000;
const WAIT_WINDOW_SECONDS = 15 * 60;
/** The wait is computed at most this often per process: a load balancer's checks do not each run the percentile query. */
const WAIT_CACHE_MS = 10_000;
const cachedWaits = new WeakMap<Db, { at: number; value: Promise<QueueWait> }>();

/**
 * Database and queue status for load balancers and monitoring: counts and timings only, never a
 * connection string, host name or error text.
 */
export async function checkHealth(getDb: () => Promise<Db>, queue: JobQueue | null, now: Date = new Date()): Promise<Health> {
  let db: Db | null = null;
  let latencyMs: number | null = null;
  try {
    db = await withTimeout(getDb());
    const started = performance.now();
    await withTimeout(db.execute(sql`select 1`));
    latencyMs = Math.round((performance.now() - started) * 10) / 10;
  } catch {
    db = null;
  }
  const database = { ok: db !== null, latencyMs };

  let facts: Health["queue"] = { ok: false, queued: null, active: null, oldestQueuedSeconds: null };
  if (db && queue) {
    // Figures for people, not for readiness: when they fail or time out the check still answers.
    const wait = withTimeout(readQueueWait(db, now)).catch(() => undefined);
    try {
      const [depth, stored] = await withTimeout(Promise.all([getQueueDepth(db), queue.inspect(GRADING_JOB)]));
      facts = { ok: stored !== null, queued: depth.queued, active: depth.running, oldestQueuedSeconds: depth.oldestQueuedSeconds };
      if (stored) facts.failed = stored.failed;
    } catch {
      // Reported as not ok below.
    }
    const waited = await wait;
    if (waited) facts.wait = waited;
  }
  return { status: database.ok && facts.ok ? "ok" : "unavailable", database, queue: facts };
}

function readQueueWait(db: Db, now: Date): Promise<QueueWait> {
  const cached = cachedWaits.get(db);
  if (cached && Math.abs(now.getTime() - cached.at) < WAIT_CACHE_MS) return cached.value;
  const value = computeQueueWait(db, now);
  cachedWaits.set(db, { at: now.getTime(), value });
  value.catch(() => {
    if (cachedWaits.get(db)?.value === value) cachedWaits.delete(db);
  });
  return value;
}

async function computeQueueWait(db: Db, now: Date): Promise<QueueWait> {
  const timings = await getQueueTimings(db, { since: new Date(now.getTime() - WAIT_WINDOW_SECONDS * 1000) });
  return { windowSeconds: WAIT_WINDOW_SECONDS, submissions: timings.submissions, p50Ms: timings.queueWait.p50Ms, p95Ms: timings.queueWait.p95Ms };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("health check timed out")), CHECK_TIMEOUT_MS).unref()),
  ]);
}
