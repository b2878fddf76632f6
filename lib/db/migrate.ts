import path from "node:path";
import type { DatabaseHandle } from "./client";

/** Applies the committed drizzle-kit migrations in `drizzle/` that the database has not seen yet. */
export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = defaultMigrationsFolder()) {
  await handle.withStartupLock(async () => {
    if (handle.kind === "pglite") {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      // The handle's db was built by drizzle-orm/pglite; the migrator wants that precise type.
      await migrate(handle.db as Parameters<typeof migrate>[0], { migrationsFolder });
    } else {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(handle.db as Parameters<typeof migrate>[0], { migrationsFolder });
    }
  });
}

function defaultMigrationsFolder() {
  return path.join(process.cwd(), "drizzle");
}
