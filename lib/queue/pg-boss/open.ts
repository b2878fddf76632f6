import { PgBoss, fromPglite, type ConstructorOptions, type Queue } from "pg-boss";
import type { DatabaseHandle } from "../../db/client";
import type { Logger } from "../../logging/logger";
import type { JobDefinition, RetryPolicy } from "../port";
import { PGBOSS_SCHEMA, deadQueueOf, workQueueOf } from "./names";

/** How often an instance checks for dead workers' jobs (one instance does it per pass). */
const SUPERVISE_SECONDS = 5;

/** What creating a job type's queue needs: its name and retry policy (a JobDefinition has both). */
export type QueueSetting = Pick<JobDefinition<unknown>, "name" | "retry">;

export interface OpenBossOptions {
  /** The app's database: pg-boss keeps its tables in the `pgboss` schema of the same database. */
  database: DatabaseHandle;
  /** Server mode: pg-boss opens a small pool of its own on this URL. Required for PostgreSQL. */
  databaseUrl?: string;
  /** Shown in pg-boss's instance registry (`app`, `worker`…). */
  instanceName?: string;
  /** Every job type the process may send or consume: their queues are created with their policy. */
  jobs: readonly QueueSetting[];
  log: Logger;
}

function workQueue(retry: RetryPolicy): Omit<Queue, "name"> {
  return {
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    // pg-boss accepts a maximum delay only with backoff.
    ...(retry.backoff ? { retryBackoff: true, retryDelayMax: retry.backoff.maxDelaySeconds } : { retryBackoff: false }),
    heartbeatSeconds: retry.heartbeatSeconds,
    expireInSeconds: retry.expireSeconds,
    deleteAfterSeconds: 7 * 86_400,
    notify: true,
  };
}

function deadQueue(retry: RetryPolicy): Omit<Queue, "name"> {
  return { retryLimit: retry.limit, expireInSeconds: 300, deleteAfterSeconds: 30 * 86_400, notify: true };
}

/**
 * Starts pg-boss on the app's database (installing or migrating its schema) and makes sure every
 * job type's queue and dead letter exist with its retry policy. Embedded mode shares the PGlite
 * instance (one process owns it); server mode gets its own `pg` pool on the same PostgreSQL.
 */
export async function openBoss(options: OpenBossOptions): Promise<PgBoss> {
  const { log } = options;
  const common: ConstructorOptions = {
    schema: PGBOSS_SCHEMA,
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
  for (const job of options.jobs) await ensureQueue(boss, deadQueueOf(job), deadQueue(job.retry));
  for (const job of options.jobs) await ensureQueue(boss, workQueueOf(job), { ...workQueue(job.retry), deadLetter: deadQueueOf(job) });
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
