import { setAuthoringSandbox } from "../authoring/sandbox-port";
import { env, EnvError, isEmbedded } from "../env";
import { resolveAuthSecret } from "../auth/secret";
import { getDatabase } from "../db";
import { closeSubmissionEventHub } from "../events/hub";
import { loadCatalogue } from "../exercises/catalogue";
import { setCatalogue } from "../exercises/registry";
import { syncExercises } from "../exercises/sync";
import { describeDemoAccounts, seedDemo } from "../seed/demo";
import { assignCatalogueToDemoCourse } from "../seed/demo-assignments";
import { requeueOrphanedSubmissions } from "../queue/recover";
import { installShutdown } from "./shutdown";

/**
 * Everything the web process needs before it answers a request: a valid environment, a signing
 * secret, a migrated database, the exercise catalogue synced and, in embedded mode, the demo data.
 */
export async function startApp(log: (line: string) => void = console.log): Promise<void> {
  const config = env();
  resolveAuthSecret(config);
  const database = await getDatabase();
  const embedded = isEmbedded(config);
  log(`Tensorgrade: database ${embedded ? `PGlite in ${config.DATA_DIR}` : "PostgreSQL (DATABASE_URL)"} ready.`);

  const catalogue = await loadCatalogue();
  setCatalogue(catalogue);
  for (const failure of catalogue.failures) {
    log(`Tensorgrade: exercise package "${failure.id}" was not loaded:\n${failure.errors.map((e) => `    ${e}`).join("\n")}`);
  }
  // A package that cannot be bundled is logged here like one that cannot be loaded; the others sync.
  const synced = await syncExercises(database.db, catalogue.exercises, { log });
  log(
    `Tensorgrade: ${catalogue.exercises.length} exercises (${synced.added.length} new, ${synced.updated.length} changed)` +
      (catalogue.failures.length ? `, ${catalogue.failures.length} with errors` : "") +
      ".",
  );

  // The queue (and, when this process grades, its grader pool) starts now: jobs a previous run left
  // active come back when their heartbeat lapses, and the first student does not wait for graders.
  const { startAppQueue } = await import("./app-queue");
  const node = await startAppQueue(database, config);
  log(`Tensorgrade: grading queue ready; ${node.consumes ? "this process grades" : "workers grade (npm run worker)"}.`);
  // Authoring's checks and course quizzes with authored params run in the pool's children.
  const { createWebAuthoringSandbox } = await import("./authoring-sandbox");
  const authoring = createWebAuthoringSandbox();
  setAuthoringSandbox(authoring);
  const orphans = await requeueOrphanedSubmissions(database.db);
  if (orphans > 0) log(`Tensorgrade: ${orphans} unfinished submissions queued again for grading.`);
  installShutdown(async () => {
    await node.shutdown((config.SHUTDOWN_TIMEOUT_SECONDS ?? 20) * 1000);
    await authoring.close();
    await closeSubmissionEventHub();
    await database.close();
  });

  const wantsDemo = config.SEED_DEMO ? config.SEED_DEMO === "true" : embedded;
  if (wantsDemo) {
    const { created } = await seedDemo(database.db);
    if (created) log("Tensorgrade: demo course and accounts created.");
    await assignCatalogueToDemoCourse(database.db);
    log(describeDemoAccounts());
  }
}

/**
 * startApp, or end the process with a readable message: an app that could not start must not stay
 * up answering 500 to every request (Next.js would keep serving after a failed instrumentation hook).
 */
export async function startAppOrExit(): Promise<void> {
  try {
    await startApp();
  } catch (error) {
    console.error(`Tensorgrade cannot start. ${describeStartFailure(error)}`);
    if (!(error instanceof EnvError)) console.error(error);
    process.exit(1);
  }
}

/** One line a newcomer can act on, for the failures a first start meets. */
export function describeStartFailure(error: unknown): string {
  if (error instanceof EnvError) return error.message;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(error);
  if (code === "3D000") return `${text}: create it first (e.g. \`createdb <name>\`), then start again.`;
  if (code === "ECONNREFUSED") return `Cannot reach PostgreSQL at DATABASE_URL (${text}): is it running?`;
  if (code === "28P01" || code === "28000") return `PostgreSQL refused the credentials in DATABASE_URL (${text}).`;
  return text;
}
