import type { DatabaseHandle } from "../../db/client";
import type { Logger } from "../../logging/logger";
import type { JobQueue } from "../port";
import { consumeJobs } from "./consume";
import { workQueueOf } from "./names";
import { openBoss, type QueueSetting } from "./open";
import { findOrphanedSubmissions } from "./tables";
import { onTransaction } from "./transaction";

export interface PgBossQueueOptions {
  database: DatabaseHandle;
  /** Server mode: pg-boss opens a small pool of its own on this URL. Required for PostgreSQL. */
  databaseUrl?: string;
  instanceName?: string;
  /** Every job type this process may send or consume. */
  jobs: readonly QueueSetting[];
  log: Logger;
}

/** Jobs per statement when sending a batch: one statement carries the slice as one JSON parameter. */
const BATCH_SLICE = 500;

/**
 * The app's queue on pg-boss, in the app's own database (PGlite or PostgreSQL): the only
 * implementation of the port (lib/queue/port.ts), and the only module that knows pg-boss.
 */
export async function openPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const { database, log } = options;
  const boss = await openBoss(options);
  let stopping = false;

  return {
    async send(tx, type, payload, sendOptions) {
      const startAfter = sendOptions?.startAfter;
      const throttle = sendOptions?.throttle;
      await boss.send(workQueueOf(type), payload as object, {
        db: onTransaction(tx),
        ...(startAfter ? { startAfter } : {}),
        ...(throttle ? { singletonKey: throttle.key, singletonSeconds: throttle.seconds } : {}),
      });
    },
    async sendBatch(tx, type, payloads) {
      const jobs = payloads.map((payload) => ({ data: payload as object }));
      const db = onTransaction(tx);
      for (let start = 0; start < jobs.length; start += BATCH_SLICE) {
        await boss.insert(workQueueOf(type), jobs.slice(start, start + BATCH_SLICE), { db });
      }
    },
    async consume(jobs, services, consumeOptions) {
      await consumeJobs({ boss, db: database.db, services, stopping: () => stopping }, jobs, consumeOptions);
    },
    async inspect(type) {
      const stored = await boss.getQueue(workQueueOf(type));
      return stored ? { failed: stored.failedCount } : null;
    },
    findOrphanedSubmissions,
    async stop(timeoutMs) {
      // From now on an interrupted grading is handed back to the queue, never failed.
      stopping = true;
      const started = Date.now();
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      log.info({ ms: Date.now() - started }, "queue stopped");
    },
  };
}
