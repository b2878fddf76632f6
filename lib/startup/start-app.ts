import { env, EnvError, isEmbedded } from "../env";
import { resolveAuthSecret } from "../auth/secret";
import { getDatabase } from "../db";
import { loadCatalogue } from "../exercises/catalogue";
import { setCatalogue } from "../exercises/registry";
import { syncExercises } from "../exercises/sync";
import { describeDemoAccounts, seedDemo } from "../seed/demo";
import { assignCatalogueToDemoCourse } from "../seed/demo-assignments";

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
  const synced = await syncExercises(database.db, catalogue.exercises);
  log(
    `Tensorgrade: ${catalogue.exercises.length} exercises (${synced.added.length} new, ${synced.updated.length} changed)` +
      (catalogue.failures.length ? `, ${catalogue.failures.length} with errors` : "") +
      ".",
  );

  // Start the grader pool now: submissions a previous run left queued are graded again, and the
  // first student does not wait for grader processes to start.
  const { getGradingService } = await import("../submissions/service");
  const grading = await getGradingService();
  const recovered = await grading.recover();
  if (recovered > 0) log(`Tensorgrade: ${recovered} unfinished submissions queued again for grading.`);

  const wantsDemo = config.SEED_DEMO ? config.SEED_DEMO === "true" : embedded;
  if (wantsDemo) {
    const { created } = await seedDemo(database.db);
    if (created) log("Tensorgrade: demo course and accounts created.");
    await assignCatalogueToDemoCourse(database.db);
    log(describeDemoAccounts());
  }
}

/** startApp, ending the process with a readable message when the environment is invalid. */
export async function startAppOrExit(): Promise<void> {
  try {
    await startApp();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`Tensorgrade cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
