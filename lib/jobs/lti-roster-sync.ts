import { eq } from "drizzle-orm";
import { ltiContexts } from "../db/schema";
import { RosterSyncError, syncRoster } from "../lti/roster/sync";
import { LTI_ROSTER_SYNC_JOB, type LtiRosterSyncJob } from "../queue/job-types";
import { RetryJobError, type JobDefinition, type RetryPolicy } from "../queue/port";
import type { GradingServices } from "./grading";

/** An LMS that is down for a moment gets a few tries, minutes apart; the next launch queues a sync anyway. */
const ROSTER_RETRY: RetryPolicy = { limit: 4, delaySeconds: 30, backoff: { maxDelaySeconds: 600 }, heartbeatSeconds: 10, expireSeconds: 300 };

/**
 * Syncs one LMS course's roster (queued at each launch). A failing platform (unreachable, 5xx, 429) is
 * retried, and so is a token refused with 400/401 (a platform still holding our keys from before a rotation);
 * another refusal (4xx, not linked) is recorded on the context by the sync and not retried.
 */
export const ltiRosterSyncJob: JobDefinition<LtiRosterSyncJob, GradingServices> = {
  ...LTI_ROSTER_SYNC_JOB,
  retry: ROSTER_RETRY,
  async handle(context, payload, delivery) {
    try {
      const result = await syncRoster(context.db, payload.contextRowId);
      context.log.info({ ...payload, jobId: delivery.jobId, added: result.added, updated: result.updated, ended: result.ended, skipped: result.skipped.length }, "LMS roster synced");
      return { added: result.added, updated: result.updated, ended: result.ended, skipped: result.skipped.length };
    } catch (error) {
      if (!(error instanceof RosterSyncError)) throw error;
      context.log.warn({ ...payload, jobId: delivery.jobId, reason: error.reason, retryable: error.retryable }, "LMS roster sync failed");
      if (error.retryable) throw new RetryJobError(error.reason);
      return { failed: error.reason };
    }
  },
  async onDeadLetter(context, payload, jobId) {
    // The last delivery recorded its reason already unless it died with the process: say that it gave up.
    await context.db
      .update(ltiContexts)
      .set({ lastRosterSyncError: `The roster sync gave up after ${ROSTER_RETRY.limit + 1} tries; press "Sync roster now" to try again.` })
      .where(eq(ltiContexts.id, payload.contextRowId));
    context.log.error({ ...payload, jobId }, "an LMS roster sync job failed on every delivery");
  },
};
