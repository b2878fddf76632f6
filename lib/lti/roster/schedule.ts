import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { ltiContexts } from "../../db/schema";
import { LTI_ROSTER_SYNC_JOB } from "../../queue/job-types";
import { findActiveQueue, sendJob } from "../../queue/port";

/** A context synced this recently is not queued again: a class launching at once makes one sync, not forty. */
export const ROSTER_SYNC_INTERVAL_SECONDS = 60;

/**
 * Queues a roster sync of a linked LMS course (an lti_contexts row with a memberships URL and a course),
 * in `tx`. Called at each launch and by staff's "Sync roster now". Skipped when the context synced within
 * ROSTER_SYNC_INTERVAL_SECONDS, and at most one job per context is queued per interval.
 */
export async function scheduleRosterSync(tx: DbOrTx, contextRowId: string, now = new Date()): Promise<void> {
  const [context] = await tx
    .select({ membershipsUrl: ltiContexts.membershipsUrl, courseId: ltiContexts.courseId, lastRosterSyncAt: ltiContexts.lastRosterSyncAt })
    .from(ltiContexts)
    .where(eq(ltiContexts.id, contextRowId));
  if (!context?.membershipsUrl || !context.courseId) return;
  if (context.lastRosterSyncAt && now.getTime() - context.lastRosterSyncAt.getTime() < ROSTER_SYNC_INTERVAL_SECONDS * 1000) return;
  // A process without a queue (a script) launches without a sync: a launch must not fail for it.
  if (!findActiveQueue()) return;
  await sendJob(tx, LTI_ROSTER_SYNC_JOB, { contextRowId }, { throttle: { key: contextRowId, seconds: ROSTER_SYNC_INTERVAL_SECONDS } });
}
