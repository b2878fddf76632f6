import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { inject } from "vitest";
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

let pgliteDump: Promise<Blob> | null = null;

/**
 * A fresh in-memory PGlite migrated by drizzle/: a copy of the migrated dump that database-templates.ts
 * (vitest's globalSetup) made once for the run, or, without it, a new database migrated here.
 */
export async function freshPglite(): Promise<DatabaseHandle> {
  const file = inject("pgliteTemplateFile");
  if (!file) {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle);
    return handle;
  }
  pgliteDump ??= readFile(file).then((bytes) => new Blob([bytes]));
  return openDatabase({ dataDir: "memory://", loadDataDir: await pgliteDump });
}

/** `create database "name"`: a copy of the run's migrated template when there is one and `copy` is set. */
export async function createDatabaseOnServer(admin: postgres.Sql, name: string, copy: boolean): Promise<{ migrated: boolean }> {
  const template = copy ? inject("postgresTemplate") : "";
  await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  return { migrated: Boolean(template) };
}

const pglite: TestBackend = {
  name: "pglite",
  async create(options) {
    if (options?.migrationsFolder) {
      const handle = await openDatabase({ dataDir: "memory://" });
      await migrateDatabase(handle, options.migrationsFolder);
      return { handle, drop: () => handle.close() };
    }
    const handle = await freshPglite();
    return { handle, drop: () => handle.close() };
  },
};

function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: "postgres",
    async create(options) {
      const name = `tensorgrade_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      const { migrated } = await createDatabaseOnServer(admin, name, !options?.migrationsFolder);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
      if (!migrated) await migrateDatabase(handle, options?.migrationsFolder);
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
