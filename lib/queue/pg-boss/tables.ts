import { and, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { submissions } from "../../db/schema";
import { GRADING_JOB } from "../job-types";
import { PGBOSS_SCHEMA, deadQueueOf, workQueueOf } from "./names";

/*
 * The only SQL on pg-boss's own tables (`pgboss.job`). Its column names and job states are pg-boss's,
 * so they stay in the adapter.
 */

/**
 * Code submissions waiting or running with no live grading job (left by a version before the queue
 * existed, or by a job deleted by hand): they get a job again, so that none is ever stranded.
 */
export async function findOrphanedSubmissions(db: Db): Promise<string[]> {
  const names = [workQueueOf(GRADING_JOB), deadQueueOf(GRADING_JOB)];
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        inArray(submissions.status, ["queued", "running"]),
        isNotNull(submissions.code),
        sql`not exists (
          select 1 from ${sql.raw(PGBOSS_SCHEMA)}.job j
          where j.name in (${sql.join(names.map((name) => sql`${name}`), sql`, `)})
            and j.state in ('created', 'retry', 'active')
            and j.data->>'submissionId' = ${submissions.id}::text)`,
      ),
    );
  return rows.map((row) => row.id);
}

export interface StoredJob {
  id: string;
  /** pg-boss's state: created, retry, active, completed, cancelled or failed. */
  state: string;
  /** Deliveries after the first. */
  retryCount: number;
  data: { submissionId?: string };
}

/** The stored jobs of a job type's work queue, oldest first (for tests and operators). */
export async function listStoredJobs(db: Db, type: { name: string }): Promise<StoredJob[]> {
  const result = (await db.execute(sql`select id, state, retry_count, data from ${sql.raw(PGBOSS_SCHEMA)}.job where name = ${workQueueOf(type)} order by created_on`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ id: string; state: string; retry_count: number; data: { submissionId?: string } }>;
  return rows.map((row) => ({ id: row.id, state: row.state, retryCount: Number(row.retry_count), data: row.data }));
}
