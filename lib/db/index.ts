import { env, type Env } from "../env";
import { openDatabase, type DatabaseHandle, type Db } from "./client";
import { migrateDatabase } from "./migrate";

export type { Db, DatabaseHandle } from "./client";
export * as tables from "./schema";

// Next.js may evaluate this module in several bundles of one process; PGlite must be opened once.
const globalStore = globalThis as typeof globalThis & { __tensorgradeDb?: Promise<DatabaseHandle> };

/** Opens the database named by the environment and applies pending migrations. */
export async function connectDatabase(config: Env = env()): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateDatabase(handle);
  return handle;
}

/** The process-wide database handle, opened and migrated on first use. */
export function getDatabase(): Promise<DatabaseHandle> {
  globalStore.__tensorgradeDb ??= connectDatabase().catch((error: unknown) => {
    globalStore.__tensorgradeDb = undefined;
    throw error;
  });
  return globalStore.__tensorgradeDb;
}

/** The process-wide Drizzle database. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
