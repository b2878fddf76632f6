import type { Job, PgBoss } from "pg-boss";
import type { Db } from "../../db";
import type { AnyJobDefinition, ConsumeOptions, Delivery, JobContext } from "../port";
import { onTransaction } from "./transaction";
import { deadQueueOf, workQueueOf } from "./names";

export interface ConsumeDeps<S> {
  boss: PgBoss;
  db: Db;
  services: S;
  stopping(): boolean;
}

/**
 * Takes jobs of these types, and their dead letters, from pg-boss in this process. Each delivery
 * heart-beats while it runs (the queue's heartbeat), so when this process dies its jobs go back to
 * the queue within seconds and another process takes them.
 */
export async function consumeJobs<S>(deps: ConsumeDeps<S>, jobs: readonly AnyJobDefinition<S>[], options: ConsumeOptions): Promise<void> {
  const { boss } = deps;
  const { log } = options;
  const context: JobContext<S> = { ...deps.services, db: deps.db, log, stopping: deps.stopping };
  const work = { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 10 };

  // One work() per slot, so each handler can wake its own fetch loop when it finishes a job: the
  // next job is fetched at once while there are any, and the poll interval applies only when idle.
  for (let slot = 0; slot < Math.max(1, options.concurrency); slot++) {
    for (const definition of jobs) {
      const name = workQueueOf(definition);
      const self: { id?: string } = {};
      self.id = await boss.work(name, work, async ([job]: Job<unknown>[]) => {
        if (!job) return;
        try {
          return await deliver(definition, job);
        } finally {
          if (self.id) boss.notifyWorker(self.id);
        }
      });
    }
  }

  async function deliver(definition: AnyJobDefinition<S>, job: Job<unknown>): Promise<unknown> {
    const parsed = definition.payload.safeParse(job.data);
    // A malformed job can never succeed: it completes (logged) instead of looping through retries.
    if (!parsed.success) return void log.error({ jobId: job.id, data: job.data }, `malformed ${definition.name} job dropped`);
    const name = workQueueOf(definition);
    const delivery: Delivery = {
      jobId: job.id,
      attempt: job.retryCount + 1,
      final: job.retryCount >= definition.retry.limit,
      // Completing the attempt (id and retry count), not the job: a stale delivery completes nothing.
      completeIn: async (tx) => {
        await boss.complete(name, { id: job.id, retryCount: job.retryCount }, null, { db: onTransaction(tx) });
      },
    };
    return definition.handle(context, parsed.data, delivery);
  }

  for (const definition of jobs) {
    await boss.work(deadQueueOf(definition), { pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 5 }, async ([job]: Job<unknown>[]) => {
      const parsed = definition.payload.safeParse(job?.data);
      if (!job || !parsed.success) return;
      await definition.onDeadLetter(context, parsed.data, job.id);
    });
  }
}
