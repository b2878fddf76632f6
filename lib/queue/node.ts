import type { PgBoss } from "pg-boss";
import type { DatabaseHandle } from "../db/client";
import { getLogger, type Logger } from "../logging/logger";
import type { CodeGrader } from "../submissions/grading-service";
import { openQueue, setActiveQueue } from "./boss";
import { startConsumer, type Consumer } from "./consumer";
import { stopQueue } from "./runtime";

/** A grader this process owns (the process pool) and must close at shutdown. */
export interface OwnedGrader extends CodeGrader {
  close(): Promise<void>;
}

export interface QueueNodeOptions {
  database: DatabaseHandle;
  databaseUrl?: string;
  instanceName: string;
  /** Grade here: the pool and how many jobs at once. Without it the process only enqueues. */
  grading?: { grader: OwnedGrader; concurrency: number };
  log?: Logger;
}

export interface QueueNode {
  boss: PgBoss;
  consumer: Consumer | null;
  /**
   * SIGTERM path: stop taking jobs, let those in hand finish within `timeoutMs` (then hand them back
   * for a retry), close the grader pool. The database handle stays open: its owner closes it.
   */
  shutdown(timeoutMs: number): Promise<void>;
}

/** Starts this process's queue (and, with `grading`, its consumer) and makes it the active queue. */
export async function startQueueNode(options: QueueNodeOptions): Promise<QueueNode> {
  const log = options.log ?? getLogger();
  const boss = await openQueue({ database: options.database, databaseUrl: options.databaseUrl, instanceName: options.instanceName, log });
  setActiveQueue(boss);
  const consumer = options.grading
    ? await startConsumer({ boss, db: options.database.db, grader: options.grading.grader, concurrency: options.grading.concurrency, log })
    : null;
  let stopped: Promise<void> | null = null;
  return {
    boss,
    consumer,
    shutdown(timeoutMs) {
      stopped ??= (async () => {
        await stopQueue(boss, consumer, timeoutMs, log).catch((error: unknown) => log.error({ err: error }, "stopping the queue failed"));
        setActiveQueue(undefined);
        await options.grading?.grader.close().catch((error: unknown) => log.error({ err: error }, "closing the grader pool failed"));
      })();
      return stopped;
    },
  };
}
