import type { Db } from "../db";
import { enqueueGrading } from "./enqueue";
import { getActiveQueue } from "./port";

/**
 * Gives every stranded queued/running code submission (one with no live grading job) a job again.
 * Run at start: with the queue, jobs survive crashes themselves; this covers rows from before it.
 */
export async function requeueOrphanedSubmissions(db: Db): Promise<number> {
  const ids = await getActiveQueue().findOrphanedSubmissions(db);
  for (const id of ids) await db.transaction((tx) => enqueueGrading(tx, id));
  return ids.length;
}
