import { failSimilarityReport, runSimilarityReport } from "../similarity/report-run";
import { SIMILARITY_JOB, type SimilarityJob } from "../queue/job-types";
import type { JobDefinition, RetryPolicy } from "../queue/port";
import type { GradingServices } from "./grading";

/** A report's analysis is deterministic: only a worker lost mid-run is worth another delivery. */
const SIMILARITY_RETRY: RetryPolicy = { limit: 2, delaySeconds: 2, backoff: { maxDelaySeconds: 30 }, heartbeatSeconds: 10, expireSeconds: 900 };

/** Analyses one similarity report's submissions (lib/similarity/report-run.ts); a second delivery of a finished report does nothing, and a report superseded by a newer one of its assignment ends unanalysed. */
export const similarityJob: JobDefinition<SimilarityJob, GradingServices> = {
  ...SIMILARITY_JOB,
  retry: SIMILARITY_RETRY,
  async handle(context, payload, delivery) {
    const log = context.log.child({ reportId: payload.reportId, jobId: delivery.jobId });
    log.info("analysing similarity");
    const outcome = await runSimilarityReport(
      { db: context.db, log: (line, error) => (error === undefined ? log.warn(line) : log.error({ err: error }, line)) },
      payload.reportId,
    );
    return { outcome };
  },
  async onDeadLetter(context, payload, jobId) {
    context.log.error({ ...payload, jobId }, "a similarity job failed on every delivery");
    await failSimilarityReport(context.db, payload.reportId, `The analysis stopped on every one of its ${SIMILARITY_RETRY.limit + 1} tries; ask for it again.`);
  },
};
