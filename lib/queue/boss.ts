import { PgBoss, fromPglite, type ConstructorOptions, type Queue } from "pg-boss";
import type { DatabaseHandle } from "../db/client";
import { getLogger, type Logger } from "../logging/logger";
import {
  EXPIRE_SECONDS,
  GRADING_DEAD_QUEUE,
  GRADING_QUEUE,
  HEARTBEAT_SECONDS,
  REGRADE_DEAD_QUEUE,
  REGRADE_QUEUE,
  RETRY_LIMIT,
  SUPERVISE_SECONDS,
} from "./names";

export type { PgBoss } from "pg-boss";

export interface OpenQueueOptions {
  /** The app's database: pg-boss keeps its tables in the `pgboss` schema of the same database. */
  database: DatabaseHandle;
  /** Server mode: pg-boss opens a small pool of its own on this URL. Required for PostgreSQL. */
  databaseUrl?: string;
  /** Shown in pg-boss's instance registry (`app`, `worker`…). */
  instanceName?: string;
  log?: Logger;
}

const WORK_QUEUE: Omit<Queue, "name"> = {
  retryLimit: RETRY_LIMIT,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 30,
  heartbeatSeconds: HEARTBEAT_SECONDS,
  expireInSeconds: EXPIRE_SECONDS,
  deleteAfterSeconds: 7 * 86_400,
  notify: true,
};
const DEAD_QUEUE: Omit<Queue, "name"> = { retryLimit: RETRY_LIMIT, expireInSeconds: 300, deleteAfterSeconds: 30 * 86_400, notify: true };

/**
 * Starts pg-boss on the app's database (installing or migrating its schema) and makes sure the
 * grading and regrade queues exist with the retry policy above. Embedded mode shares the PGlite
 * instance (one process owns it); server mode gets its own `pg` pool on the same PostgreSQL.
 */
export async function openQueue(options: OpenQueueOptions): Promise<PgBoss> {
  const log = options.log ?? getLogger();
  const common: ConstructorOptions = {
    schema: "pgboss",
    instanceName: options.instanceName ?? "tensorgrade",
    superviseIntervalSeconds: SUPERVISE_SECONDS,
    monitorIntervalSeconds: SUPERVISE_SECONDS,
    // Workers wake on the job's NOTIFY instead of waiting out a poll.
    useListenNotify: true,
  };
  let boss: PgBoss;
  if (options.database.kind === "pglite") {
    const client = (options.database.db as unknown as { $client: Parameters<typeof fromPglite>[0] }).$client;
    boss = new PgBoss({ ...common, db: fromPglite(client), backend: "pglite" });
  } else {
    if (!options.databaseUrl) throw new Error("openQueue: server mode needs the database URL for pg-boss's pool");
    boss = new PgBoss({ ...common, connectionString: options.databaseUrl, max: 4, application_name: `tensorgrade-${common.instanceName}` });
  }
  boss.on("error", (error) => log.error({ err: error }, "queue error"));
  boss.on("warning", (warning) => log.warn({ warning: warning.data }, `queue warning: ${warning.message}`));
  await boss.start({ attempts: 3 });
  for (const name of [GRADING_DEAD_QUEUE, REGRADE_DEAD_QUEUE]) await ensureQueue(boss, name, DEAD_QUEUE);
  await ensureQueue(boss, GRADING_QUEUE, { ...WORK_QUEUE, deadLetter: GRADING_DEAD_QUEUE });
  await ensureQueue(boss, REGRADE_QUEUE, { ...WORK_QUEUE, deadLetter: REGRADE_DEAD_QUEUE });
  return boss;
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<Queue, "name">): Promise<void> {
  if (!(await boss.getQueue(name))) {
    try {
      await boss.createQueue(name, options);
      return;
    } catch (error) {
      // Another process created it between the check and here.
      if (!(await boss.getQueue(name))) throw error;
    }
  }
  await boss.updateQueue(name, options);
}

const store = globalThis as typeof globalThis & { __tensorgradeQueue?: PgBoss };

/** Makes `boss` the queue that enqueueGrading and enqueueRegrades write to in this process. */
export function setActiveQueue(boss: PgBoss | undefined): void {
  store.__tensorgradeQueue = boss;
}

/** This process's started queue; throws when none was started (startApp or the worker does it). */
export function getActiveQueue(): PgBoss {
  const boss = store.__tensorgradeQueue;
  if (!boss) throw new Error("The grading queue is not started in this process (startApp or scripts/worker.ts starts it).");
  return boss;
}

/** The active queue, or null. */
export function findActiveQueue(): PgBoss | null {
  return store.__tensorgradeQueue ?? null;
}
