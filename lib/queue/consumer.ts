import type { Job, PgBoss } from "pg-boss";
import type { Db } from "../db";
import { getLogger, type Logger } from "../logging/logger";
import { failAbandonedSubmission, gradeSubmission, type CodeGrader } from "../submissions/grading-service";
import { recordRegradeAbandoned, regradeSubmission } from "../submissions/regrade";
import { onTransaction } from "./enqueue";
import { GRADING_DEAD_QUEUE, GRADING_QUEUE, GradingJobSchema, REGRADE_DEAD_QUEUE, REGRADE_QUEUE, RegradeJobSchema, RETRY_LIMIT } from "./names";

export interface ConsumerOptions {
  boss: PgBoss;
  db: Db;
  grader: CodeGrader;
  /** Jobs graded at once by this process (about the size of its grader pool). */
  concurrency: number;
  log?: Logger;
}

export interface Consumer {
  /** From now on an interrupted grading is handed back to the queue, never failed (see stopQueue). */
  markStopping(): void;
}

/** Thrown to have pg-boss deliver a job again (an infrastructure failure). */
export class RetryableGradingError extends Error {
  override name = "RetryableGradingError";
}

/**
 * Takes grading and regrade jobs from the queue in this process. Each job heart-beats while it runs,
 * so when this process dies its jobs go back to the queue within seconds and another one takes them.
 */
export async function startConsumer(options: ConsumerOptions): Promise<Consumer> {
  const { boss, db, grader } = options;
  const log = options.log ?? getLogger();
  let stopping = false;
  const deps = { db, grader, stopping: () => stopping };
  const work = { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 10 };

  // One work() per slot, so each handler can wake its own fetch loop when it finishes a job: the
  // next job is fetched at once while there are any, and the poll interval applies only when idle.
  for (let slot = 0; slot < Math.max(1, options.concurrency); slot++) {
    const self: { id?: string } = {};
    self.id = await boss.work(GRADING_QUEUE, work, async ([job]: Job<unknown>[]) => {
      if (!job) return;
      try {
        return await handleGrading(job);
      } finally {
        if (self.id) boss.notifyWorker(self.id);
      }
    });
    const regrade: { id?: string } = {};
    regrade.id = await boss.work(REGRADE_QUEUE, work, async ([job]: Job<unknown>[]) => {
      if (!job) return;
      try {
        await handleRegrade(job);
      } finally {
        if (regrade.id) boss.notifyWorker(regrade.id);
      }
    });
  }

  async function handleGrading(job: Job<unknown>) {
    const parsed = GradingJobSchema.safeParse(job.data);
    // A malformed job can never succeed: it completes (logged) instead of looping through retries.
    if (!parsed.success) return void log.error({ jobId: job.id, data: job.data }, "malformed grading job dropped");
    const { submissionId } = parsed.data;
    const jobLog = log.child({ submissionId, jobId: job.id, delivery: job.retryCount + 1 });
    const outcome = await gradeSubmission({ ...deps, log: jobLog }, submissionId, {
      final: job.retryCount >= RETRY_LIMIT,
      complete: async (tx) => {
        await boss.complete(GRADING_QUEUE, { id: job.id, retryCount: job.retryCount }, null, { db: onTransaction(tx) });
      },
    });
    if (outcome.kind === "retry") throw new RetryableGradingError(outcome.reason);
    return outcome;
  }

  async function handleRegrade(job: Job<unknown>) {
    const parsed = RegradeJobSchema.safeParse(job.data);
    if (!parsed.success) return void log.error({ jobId: job.id, data: job.data }, "malformed regrade job dropped");
    const jobLog = log.child({ submissionId: parsed.data.submissionId, regradeId: parsed.data.regradeId, jobId: job.id });
    jobLog.info("regrading");
    await regradeSubmission(
      { db, grader, log: (line, error) => (error === undefined ? jobLog.warn(line) : jobLog.error({ err: error }, line)) },
      parsed.data,
    );
  }

  // Every delivery failed, workers dying with it included: the submission ends in `error`, never lost.
  await boss.work(GRADING_DEAD_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]: Job<unknown>[]) => {
    const parsed = GradingJobSchema.safeParse(job?.data);
    if (!job || !parsed.success) return;
    await failAbandonedSubmission({ db, log: log.child({ submissionId: parsed.data.submissionId, jobId: job.id }) }, parsed.data.submissionId);
  });
  await boss.work(REGRADE_DEAD_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]: Job<unknown>[]) => {
    const parsed = RegradeJobSchema.safeParse(job?.data);
    if (!parsed.success) return;
    log.error({ ...parsed.data, jobId: job?.id }, "a regrade job failed on every delivery; the old result stays");
    // Counted as failed, so the regrade still finishes and a later one can start.
    await recordRegradeAbandoned(db, parsed.data);
  });

  return { markStopping: () => void (stopping = true) };
}
