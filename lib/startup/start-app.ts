import { env, EnvError, isEmbedded } from "../env";
import { resolveAuthSecret } from "../auth/secret";
import { getDatabase } from "../db";
import { describeDemoAccounts, seedDemo } from "../seed/demo";

/**
 * Everything the web process needs before it answers a request: a valid environment, a signing
 * secret, a migrated database and, in embedded mode, the demo data.
 */
export async function startApp(log: (line: string) => void = console.log): Promise<void> {
  const config = env();
  resolveAuthSecret(config);
  const database = await getDatabase();
  const embedded = isEmbedded(config);
  log(`Tensorgrade: database ${embedded ? `PGlite in ${config.DATA_DIR}` : "PostgreSQL (DATABASE_URL)"} ready.`);
  const wantsDemo = config.SEED_DEMO ? config.SEED_DEMO === "true" : embedded;
  if (wantsDemo) {
    const { created } = await seedDemo(database.db);
    if (created) log("Tensorgrade: demo course and accounts created.");
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
