import { sql } from "drizzle-orm";
import { fromDrizzle, type DrizzleTransactionLike, type Db as QueueDb } from "pg-boss";
import type { Db } from "../db";
import { getActiveQueue } from "./boss";
import { GRADING_QUEUE, GradingJobSchema, REGRADE_QUEUE, RegradeJobSchema } from "./names";

/** A Drizzle database or a transaction on it: jobs are enqueued in the caller's transaction. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** pg-boss statements run on the caller's connection, so a rolled-back insert enqueues nothing. */
export function onTransaction(tx: DbOrTx): QueueDb {
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}

/** Enqueues the grading of one queued submission, in the transaction that inserted it. */
export async function enqueueGrading(tx: DbOrTx, submissionId: string): Promise<void> {
  const data = GradingJobSchema.parse({ submissionId });
  await getActiveQueue().send(GRADING_QUEUE, data, { db: onTransaction(tx) });
}

/** Enqueues one regrade job per submission of a regrade (see lib/submissions/regrade.ts). */
export async function enqueueRegrades(tx: DbOrTx, regradeId: string, submissionIds: readonly string[]): Promise<void> {
  if (submissionIds.length === 0) return;
  const jobs = submissionIds.map((submissionId) => ({ data: RegradeJobSchema.parse({ regradeId, submissionId }) }));
  const db = onTransaction(tx);
  // In slices: one statement carries the whole slice as a single JSON parameter.
  for (let start = 0; start < jobs.length; start += 500) {
    await getActiveQueue().insert(REGRADE_QUEUE, jobs.slice(start, start + 500), { db });
  }
}
