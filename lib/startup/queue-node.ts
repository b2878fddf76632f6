import type { DatabaseHandle } from "../db/client";
import { getLogger, type Logger } from "../logging/logger";
import { APP_JOBS } from "../jobs";
import { installGradePassbackOnce } from "../lti/ags/listener";
import { openPgBossQueue } from "../queue/pg-boss/adapter";
import { setActiveQueue, type JobQueue } from "../queue/port";
import type { CodeGrader } from "../submissions/grading-service";

/** A grader this process owns (the process pool) and must close at shutdown. */
export interface OwnedGrader extends CodeGrader {
  close(): Promise<void>;
}

/**
 * Deliveries a process takes at once for a pool of `graders` grader processes: one more than it can
 * grade, so that the next job is fetched, claimed and loaded while one grades and a result is written
 * while the next grades (the pool queues the extra one). Without it every job's database round trips
 * came between two gradings, which capped a worker's throughput under load. More than one extra would
 * only hold jobs that another process could start.
 */
export function deliveriesInHand(graders: number): number {
  return Math.max(1, graders) + 1;
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
  queue: JobQueue;
  /** True when this process takes jobs (it grades). */
  consumes: boolean;
  /**
   * SIGTERM path: stop taking jobs, let those in hand finish within `timeoutMs` (then hand them back
   * for a retry), close the grader pool. The database handle stays open: its owner closes it.
   */
  shutdown(timeoutMs: number): Promise<void>;
}

/**
 * Starts this process's queue (pg-boss, the one adapter) with the app's jobs, makes it the active
 * queue and, with `grading`, consumes the jobs here. Where the app wires the queue to the domain.
 */
export async function startQueueNode(options: QueueNodeOptions): Promise<QueueNode> {
  const log = options.log ?? getLogger();
  // Every process that sends jobs may write scores (grading, overrides, releases): each queues their passbacks.
  installGradePassbackOnce();
  const queue = await openPgBossQueue({ database: options.database, databaseUrl: options.databaseUrl, instanceName: options.instanceName, jobs: APP_JOBS, log });
  setActiveQueue(queue);
  if (options.grading) await queue.consume(APP_JOBS, { grader: options.grading.grader }, { concurrency: options.grading.concurrency, log });
  let stopped: Promise<void> | null = null;
  return {
    queue,
    consumes: options.grading !== undefined,
    shutdown(timeoutMs) {
      stopped ??= (async () => {
        await queue.stop(timeoutMs).catch((error: unknown) => log.error({ err: error }, "stopping the queue failed"));
        setActiveQueue(undefined);
        await options.grading?.grader.close().catch((error: unknown) => log.error({ err: error }, "closing the grader pool failed"));
      })();
      return stopped;
    },
  };
}
