import { and, count, inArray, isNotNull, min, sql } from "drizzle-orm";
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
 * The grading backlog, read from the submissions table rather than from pg-boss: it is the same in
 * both modes, counts exactly what students wait for (regrades do not change a submission's status),
 * and stays correct while pg-boss's own counters are cached.
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

/**
 * Code submissions waiting or running with no live grading job (left by a version before the queue
 * existed, or by a job deleted by hand): they get a job again, so that none is ever stranded.
 */
export async function findOrphanedSubmissions(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        inArray(submissions.status, ["queued", "running"]),
        isNotNull(submissions.code),
        sql`not exists (
          select 1 from pgboss.job j
          where j.name in ('grading', 'grading-dead')
            and j.state in ('created', 'retry', 'active')
            and j.data->>'submissionId' = ${submissions.id}::text)`,
      ),
    );
  return rows.map((row) => row.id);
}

