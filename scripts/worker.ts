/**
 * npm run worker — a grading worker for server mode: a grader pool taking jobs from the PostgreSQL
 * named by DATABASE_URL. Run any number of them, on any number of machines. SIGTERM (or Ctrl-C)
 * stops taking jobs, lets those in hand finish (up to SHUTDOWN_TIMEOUT_SECONDS, then hands them back
 * to the queue) and exits 0.
 */
import { availableParallelism, hostname } from "node:os";
import { connectDatabase } from "../lib/db";
import { env, EnvError, isEmbedded } from "../lib/env";
import { loadCatalogue } from "../lib/exercises/catalogue";
import { setCatalogue } from "../lib/exercises/registry";
import { setAuthoringSandbox } from "../lib/exercises/authoring-sandbox";
import { GraderPool } from "../lib/grading/pool/pool";
import { getLogger } from "../lib/logging/logger";
import { installShutdown } from "../lib/startup/shutdown";
import { poolAuthoringSandbox } from "../lib/startup/pool-authoring-sandbox";
import { deliveriesInHand, startQueueNode } from "../lib/startup/queue-node";

async function main(): Promise<void> {
  process.env.TENSORGRADE_ROLE ??= "worker";
  const log = getLogger();
  const config = env();
  if (isEmbedded(config)) {
    log.error("npm run worker needs DATABASE_URL (server mode). In embedded mode the app grades submissions itself.");
    process.exit(2);
  }
  const database = await connectDatabase(config);
  const catalogue = await loadCatalogue();
  setCatalogue(catalogue);
  for (const failure of catalogue.failures) log.warn({ exercise: failure.id, errors: failure.errors }, "exercise package not loaded");

  const size = config.GRADER_POOL_SIZE ?? Math.max(1, availableParallelism());
  const pool = new GraderPool({ size });
  // A regrade of a course quiz with authored params computes its variants in this pool's children.
  setAuthoringSandbox(poolAuthoringSandbox(async () => pool));
  const node = await startQueueNode({
    database,
    databaseUrl: config.DATABASE_URL,
    instanceName: `worker@${hostname()}:${process.pid}`,
    grading: { grader: pool, concurrency: deliveriesInHand(size) },
    log,
  });
  installShutdown(async () => {
    await node.shutdown((config.SHUTDOWN_TIMEOUT_SECONDS ?? 30) * 1000);
    await database.close();
  });
  log.info({ graders: size, exercises: catalogue.exercises.length }, "worker ready");
  pool.ready().then(
    () => log.info("grader processes ready"),
    (error: unknown) => log.warn({ err: error }, "a grader process failed to start (the pool starts another)"),
  );
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`Tensorgrade worker cannot start. ${error.message}\n`);
    process.exit(1);
  }
  getLogger().fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
