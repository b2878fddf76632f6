import type { RetryPolicy } from "../queue/port";

/**
 * Deliveries after the first. Only infrastructure failures are retried (a grader that crashed, a
 * worker that died or stopped mid-job); a verdict, limits included, completes the job at once.
 */
export const RETRY_LIMIT = 3;

/** The policy of the grading and regrade jobs. */
export const WORK_RETRY: RetryPolicy = {
  limit: RETRY_LIMIT,
  delaySeconds: 1,
  backoff: { maxDelaySeconds: 30 },
  heartbeatSeconds: 10,
  // Above the largest wall limit an exercise may set (600 s).
  expireSeconds: 900,
};
