import { failPassback, runPassback } from "../lti/ags/passback";
import { LTI_PASSBACK_JOB, type LtiPassbackJob } from "../queue/job-types";
import type { JobDefinition, RetryPolicy } from "../queue/port";
import type { GradingServices } from "./grading";

/** An LMS that is down or busy gets time: 5 s, 10 s, 20 s … up to 5 min between tries, 7 tries in all. */
const PASSBACK_RETRY: RetryPolicy = { limit: 6, delaySeconds: 5, backoff: { maxDelaySeconds: 300 }, heartbeatSeconds: 10, expireSeconds: 120 };

/**
 * Posts one student's score to one LMS line item (lib/lti/ags/passback.ts). A refusal that will not change
 * ends the row failed at once; an LMS that did not answer, answered 5xx/408/429, or refused a token with
 * 400/401 (its copy of our keys predates a rotation), is tried again.
 */
export const ltiPassbackJob: JobDefinition<LtiPassbackJob, GradingServices> = {
  ...LTI_PASSBACK_JOB,
  retry: PASSBACK_RETRY,
  async handle(context, payload, delivery) {
    const outcome = await runPassback(context.db, payload);
    context.log.info({ ...payload, jobId: delivery.jobId, outcome: outcome.kind }, "grade passback");
    return outcome;
  },
  async onDeadLetter(context, payload, jobId) {
    await failPassback(context.db, payload);
    context.log.error({ ...payload, jobId }, "a grade passback failed on every delivery");
  },
};
