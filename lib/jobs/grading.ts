import { failAbandonedSubmission, gradeSubmission, type CodeGrader } from "../submissions/grading-service";
import { GRADING_JOB, type GradingJob } from "../queue/job-types";
import { RetryJobError, type JobDefinition } from "../queue/port";
import { WORK_RETRY } from "./retry-policy";

/** What the grading and regrade jobs need from the process that consumes them. */
export interface GradingServices {
  grader: CodeGrader;
}

/**
 * Grading one code submission. The score and the job's completion are written in one transaction
 * (gradeSubmission's `complete`), and only the submission's latest attempt may write: a duplicate or
 * stale delivery writes nothing.
 */
export const gradingJob: JobDefinition<GradingJob, GradingServices> = {
  ...GRADING_JOB,
  retry: WORK_RETRY,
  async handle(context, { submissionId }, delivery) {
    const log = context.log.child({ submissionId, jobId: delivery.jobId, delivery: delivery.attempt });
    const outcome = await gradeSubmission({ db: context.db, grader: context.grader, stopping: context.stopping, log }, submissionId, {
      final: delivery.final,
      complete: (tx) => delivery.completeIn(tx),
    });
    if (outcome.kind === "retry") throw new RetryJobError(outcome.reason);
    return outcome;
  },
  // Every delivery failed, workers dying with it included: the submission ends in `error`, never lost.
  async onDeadLetter(context, { submissionId }, jobId) {
    await failAbandonedSubmission({ db: context.db, log: context.log.child({ submissionId, jobId }) }, submissionId);
  },
};
