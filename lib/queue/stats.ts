import { and, count, inArray, isNotNull, min } from "drizzle-orm";
import type { Db } from "../db";
import { submissions } from "../db/schema";

export interface QueueDepth {
  /** Code submissions waiting for a grader. */
  queued: number;
  /** Being graded now. */
  running: number;
  /** How long the oldest waiting submission has waited (0 when none waits). */
  oldestQueuedSeconds: number;
}

/**
 * The grading backlog, read from the submissions table rather than from the queue: it is the same in
 * both modes, counts exactly what students wait for (regrades do not change a submission's status),
 * and stays correct while the queue's own counters are cached.
 */
export async function getQueueDepth(db: Db, now: Date = new Date()): Promise<QueueDepth> {
  const rows = await db
    .select({ status: submissions.status, n: count(), oldest: min(submissions.createdAt) })
    .from(submissions)
    .where(and(inArray(submissions.status, ["queued", "running"]), isNotNull(submissions.code)))
    .groupBy(submissions.status);
  const queued = rows.find((row) => row.status === "queued");
  const oldest = queued?.oldest ? new Date(queued.oldest).getTime() : null;
  return {
    queued: Number(queued?.n ?? 0),
    running: Number(rows.find((row) => row.status === "running")?.n ?? 0),
    oldestQueuedSeconds: oldest === null ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
  };
}
