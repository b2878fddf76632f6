import type { z } from "zod";
import type { Db } from "../db";
import type { Logger } from "../logging/logger";
import type { DbOrTx } from "../db/transaction";

/*
 * The job queue as the app sees it. The app names jobs (lib/queue/job-types.ts), sends them and
 * consumes them through this port only; one adapter (lib/queue/pg-boss/) implements it, and is the
 * only module that knows pg-boss, its tables or its queue names. Swapping the queue means writing
 * another adapter for this interface.
 *
 * EXACTLY ONCE — the rule every adapter and every job keeps:
 * - A job is sent in the transaction that inserts its row (the submission, the regrade): `send`
 *   runs on the caller's transaction, so there is never a submission without its job nor a job
 *   without its submission. A rolled-back insert sends nothing.
 * - A job is completed in the transaction that writes its result (`Delivery.completeIn(tx)` in the
 *   transaction that writes the score). Deliveries are at least once (a worker that dies mid-job has
 *   the job delivered again), so the result write is keyed too (grading: submission id and attempt,
 *   only the latest attempt writes; regrade: regrade id and submission id, written once, the job
 *   completing after it): a job delivered twice still yields one score, and a stale delivery (one
 *   whose claim lapsed and was taken over) writes nothing and completes nothing.
 * - A job whose every delivery failed goes to its dead letter, whose handler leaves the domain row
 *   final (e.g. a submission in `error`): nothing stays queued forever.
 */

/** A Drizzle database or a transaction on it: jobs are sent in the caller's transaction. */
export type { DbOrTx };

/** A kind of job: its name and what it carries. Senders need only this (no handler, no domain). */
export interface JobType<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
}

/** How a job is delivered again after an infrastructure failure. */
export interface RetryPolicy {
  /** Deliveries after the first; after the last one the job goes to its dead letter. */
  limit: number;
  /** Seconds before the first retry. */
  delaySeconds: number;
  /** The delay doubles (with jitter) at each retry, up to `maxDelaySeconds`; false: it stays. */
  backoff: false | { maxDelaySeconds: number };
  /** A delivery whose worker stops heart-beating for this long is handed to another worker. */
  heartbeatSeconds: number;
  /** Longest a delivery may stay active before it counts as failed. */
  expireSeconds: number;
}

/** One delivery of a job to a handler. */
export interface Delivery {
  jobId: string;
  /** 1 for the first delivery. */
  attempt: number;
  /** No delivery follows this one: an infrastructure failure must now end the job's row final. */
  final: boolean;
  /**
   * Completes this delivery inside `tx`, the transaction that writes the job's result. A stale
   * delivery (the job was retried or taken over since) completes nothing.
   */
  completeIn(tx: DbOrTx): Promise<void>;
}

/** What a handler runs with: the database, a logger bound to the job, and the services `S` it needs. */
export type JobContext<S> = S & {
  db: Db;
  log: Logger;
  /** True once this process is shutting down: an interrupted job is then handed back, never failed. */
  stopping(): boolean;
};

/** Thrown by a handler to have its job delivered again (an infrastructure failure, not a verdict). */
export class RetryJobError extends Error {
  override name = "RetryJobError";
}

/** A job type with its handlers: where the queue meets the domain (lib/jobs/*.ts). */
export interface JobDefinition<Payload, S = unknown> extends JobType<Payload> {
  retry: RetryPolicy;
  /**
   * One delivery of a well-formed payload (a malformed one is logged and dropped: it could never
   * succeed). Throwing (RetryJobError or any error) has the job delivered again; the return value
   * is kept as the job's output.
   */
  handle(context: JobContext<S>, payload: Payload, delivery: Delivery): Promise<unknown>;
  /** Every delivery failed: leave the job's row final. Must be idempotent like `handle`. */
  onDeadLetter(context: JobContext<S>, payload: Payload, jobId: string): Promise<void>;
}

/** A job definition of any payload, as the consumer holds them. */
// Method syntax in JobDefinition makes a definition of a specific payload assignable to this.
export type AnyJobDefinition<S> = JobDefinition<unknown, S>;

/** What the health check learns about one job type's queue. */
export interface QueueFacts {
  /** Jobs that ended failed (kept for inspection). */
  failed: number;
}

/** How one job is sent. */
export interface SendOptions {
  /** Not delivered before this instant (a timer that survives restarts: the job waits in the database). */
  startAfter?: Date;
  /** At most one job of this type with `key` per `seconds`-long slot: later sends in the slot are dropped. */
  throttle?: { key: string; seconds: number };
}

export interface ConsumeOptions {
  /** Deliveries of each job type handled at once by this process (about its grader pool's size). */
  concurrency: number;
  log: Logger;
}

/** The queue of one process: it sends in every process and consumes where the process grades. */
export interface JobQueue {
  /** Sends one job in `tx` (see the exactly-once rule above), at once or delayed (`options.startAfter`). */
  send<P>(tx: DbOrTx, type: JobType<P>, payload: P, options?: SendOptions): Promise<void>;
  /** Sends many jobs of one type in `tx`, in slices. */
  sendBatch<P>(tx: DbOrTx, type: JobType<P>, payloads: readonly P[]): Promise<void>;
  /**
   * Starts taking jobs of these types, and their dead letters, in this process. Each delivery
   * heart-beats while it runs, so when the process dies its jobs go back within seconds.
   */
  consume<S>(jobs: readonly AnyJobDefinition<S>[], services: S, options: ConsumeOptions): Promise<void>;
  /** Facts about a job type's queue, or null when that queue does not exist. */
  inspect(type: JobType<unknown>): Promise<QueueFacts | null>;
  /**
   * Code submissions queued or running with no live grading job (left by a version before the
   * queue, or by a job deleted by hand), so that they get a job again and none is stranded.
   */
  findOrphanedSubmissions(db: Db): Promise<string[]>;
  /**
   * Graceful stop: take no new job, give the deliveries in hand up to `timeoutMs` to finish, then
   * fail what still runs so that another worker retries it.
   */
  stop(timeoutMs: number): Promise<void>;
}

const store = globalThis as typeof globalThis & { __tensorgradeQueue?: JobQueue };

/** Makes `queue` the one that sendJob (enqueueGrading, enqueueRegrades) writes to in this process. */
export function setActiveQueue(queue: JobQueue | undefined): void {
  store.__tensorgradeQueue = queue;
}

/** This process's started queue; throws when none was started (startApp or the worker does it). */
export function getActiveQueue(): JobQueue {
  const queue = store.__tensorgradeQueue;
  if (!queue) throw new Error("The grading queue is not started in this process (startApp or scripts/worker.ts starts it).");
  return queue;
}

/** The active queue, or null. */
export function findActiveQueue(): JobQueue | null {
  return store.__tensorgradeQueue ?? null;
}

/** Sends one job on the active queue, in `tx`; the payload is checked against the type's schema. */
export async function sendJob<P>(tx: DbOrTx, type: JobType<P>, payload: P, options?: SendOptions): Promise<void> {
  await getActiveQueue().send(tx, type, type.payload.parse(payload), options);
}

/** Sends jobs of one type on the active queue, in `tx`. */
export async function sendJobs<P>(tx: DbOrTx, type: JobType<P>, payloads: readonly P[]): Promise<void> {
  if (payloads.length === 0) return;
  await getActiveQueue().sendBatch(tx, type, payloads.map((payload) => type.payload.parse(payload)));
}
