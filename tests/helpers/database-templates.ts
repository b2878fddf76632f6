/**
 * Vitest globalSetup: migrates one database per backend before any test file runs, so that each file's
 * fresh database is a copy of it instead of a new one migrated from scratch (a new PGlite runs initdb,
 * about ten seconds on CI; migrating a PostgreSQL database takes one or two). test-database.ts and
 * queue-fixtures.ts take the copies; every file still gets a database of its own.
 */
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** A file holding PGlite's dump of a migrated database (empty when there is none). */
    pgliteTemplateFile: string;
    /** A migrated PostgreSQL database on DATABASE_URL's server to copy (empty without DATABASE_URL). */
    postgresTemplate: string;
  }
}

async function pgliteTemplate(file: string): Promise<void> {
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  // openDatabase hides the client; the dump is taken on drizzle's own handle of it.
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("none");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}

async function postgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
    await migrateDatabase(handle);
    // A template is copied only while nobody is connected to it.
    await handle.close();
  } finally {
    await admin.end();
  }
}

async function dropPostgres(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`).finally(() => admin.end());
}

export default async function setup(project: TestProject) {
  const suffix = `${Date.now()}_${randomBytes(4).toString("hex")}`;
  const file = path.join(os.tmpdir(), `tensorgrade-pglite-template-${suffix}.tar`);
  const adminUrl = process.env.DATABASE_URL?.trim();
  const pgName = adminUrl ? `tensorgrade_template_${suffix}` : "";
  await Promise.all([pgliteTemplate(file), adminUrl ? postgresTemplate(adminUrl, pgName) : null]);
  project.provide("pgliteTemplateFile", file);
  project.provide("postgresTemplate", pgName);
  return async () => {
    await rm(file, { force: true });
    if (adminUrl) await dropPostgres(adminUrl, pgName);
  };
}
