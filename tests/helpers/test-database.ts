import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

export interface TestBackend {
  name: "pglite" | "postgres";
  /**
   * A fresh, migrated database of its own; `drop()` closes it and removes every trace. With
   * `migrationsFolder`, migrated by that folder's migrations instead of drizzle/ (an older schema).
   */
  create(options?: { migrationsFolder?: string }): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }>;
}

const pglite: TestBackend = {
  name: "pglite",
  async create(options) {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle, options?.migrationsFolder);
    return { handle, drop: () => handle.close() };
  },
};

function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: "postgres",
    async create(options) {
      const name = `tensorgrade_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
      await migrateDatabase(handle, options?.migrationsFolder);
      return {
        handle,
        async drop() {
          await handle.close();
          await admin.unsafe(`drop database if exists "${name}" with (force)`);
          await admin.end();
        },
      };
    },
  };
}

/** PGlite always; PostgreSQL too whenever DATABASE_URL is set. */
export function testBackends(): TestBackend[] {
  const url = process.env.DATABASE_URL?.trim();
  return url ? [pglite, postgresBackend(url)] : [pglite];
}
