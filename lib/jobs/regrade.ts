import { recordRegradeAbandoned, regradeSubmission } from "../submissions/regrade";
import { REGRADE_JOB, type RegradeJob } from "../queue/job-types";
import type { JobDefinition } from "../queue/port";
import type { GradingServices } from "./grading";
import { WORK_RETRY } from "./retry-policy";

/**
 * Regrading one submission of a regrade. Keyed by (regrade, submission): the old result is archived,
 * the new one written and counted in one transaction, once, so a second delivery writes nothing.
 */
export const regradeJob: JobDefinition<RegradeJob, GradingServices> = {
  ...REGRADE_JOB,
  retry: WORK_RETRY,
  async handle(context, payload, delivery) {
    const log = context.log.child({ submissionId: payload.submissionId, regradeId: payload.regradeId, jobId: delivery.jobId });
    log.info("regrading");
    await regradeSubmission(
      { db: context.db, grader: context.grader, log: (line, error) => (error === undefined ? log.warn(line) : log.error({ err: error }, line)) },
      payload,
    );
  },
  async onDeadLetter(context, payload, jobId) {
    context.log.error({ ...payload, jobId }, "a regrade job failed on every delivery; the old result stays");
    // Counted as failed, so the regrade still finishes and a later one can start.
    await recordRegradeAbandoned(context.db, payload);
  },
};
