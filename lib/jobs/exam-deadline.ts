import { closeAtDeadline } from "../workflows/exam-close";
import { EXAM_DEADLINE_JOB, type ExamDeadlineJob } from "../queue/job-types";
import type { JobDefinition, RetryPolicy } from "../queue/port";
import type { GradingServices } from "./grading";

/** A few quick retries: the work is a handful of queries, and a lazy close on read backs it up. */
const DEADLINE_RETRY: RetryPolicy = { limit: 5, delaySeconds: 2, backoff: { maxDelaySeconds: 60 }, heartbeatSeconds: 10, expireSeconds: 120 };

/**
 * Time up for one student's timed work: closes it (newer drafts submitted) or, when the deadline moved
 * later, sends itself again for the new time. Idempotent: a finished start is left alone.
 */
export const examDeadlineJob: JobDefinition<ExamDeadlineJob, GradingServices> = {
  ...EXAM_DEADLINE_JOB,
  retry: DEADLINE_RETRY,
  async handle(context, payload, delivery) {
    const outcome = await closeAtDeadline(context.db, payload, new Date());
    context.log.info({ ...payload, jobId: delivery.jobId, outcome: outcome.kind }, "exam deadline");
    return outcome;
  },
  async onDeadLetter(context, payload, jobId) {
    // The next read of the student's state closes the work (getExamStateClosingIfDue), so nothing is lost.
    context.log.error({ ...payload, jobId }, "an exam deadline job failed on every delivery; the work closes when next read");
  },
};
