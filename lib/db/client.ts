import path from "node:path";
import { mkdir } from "node:fs/promises";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { claimDataDir } from "./data-dir-lock";
import * as schema from "./schema";

/** Advisory-lock key that serialises migrations across app and worker processes. */
const STARTUP_LOCK_KEY = 74_612_025;

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs `fn` while holding a database-wide lock, so that concurrent starts migrate one at a time. */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` (PostgreSQL's LISTEN/NOTIFY, PGlite's own in embedded mode): `onPayload` gets
   * each NOTIFY's payload, once its transaction committed. `onListen` runs each time the LISTEN is in
   * place: at the start and (postgres.js) again after its connection dropped and came back, when
   * NOTIFYs sent in between were lost. Resolves once listening; the function it resolves to stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL for server mode; embedded PGlite when undefined. */
  databaseUrl?: string;
  /** Directory of the embedded database; ignored in server mode. `memory://` keeps it in memory. */
  dataDir: string;
  /** Embedded mode: start from this dump (PGlite's dumpDataDir) instead of an empty database; tests clone a migrated one. */
  loadDataDir?: Blob;
}

/** Opens PostgreSQL (server mode) or PGlite (embedded mode). */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db: Db = drizzle({ client, schema });
  return {
    db,
    kind: "postgres",
    async withStartupLock(fn) {
      const connection = await client.reserve();
      try {
        await connection`select pg_advisory_lock(${STARTUP_LOCK_KEY})`;
        return await fn();
      } finally {
        await connection`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.catch(() => {});
        connection.release();
      }
    },
    async listen(channel, onPayload, onListen) {
      const request = await client.listen(channel, onPayload, onListen);
      return () => request.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let location = dataDir;
  let release = () => {};
  if (dataDir !== "memory://") {
    location = path.resolve(dataDir, "pglite");
    await mkdir(location, { recursive: true });
    release = claimDataDir(path.resolve(dataDir));
  }
  const client = await PGlite.create(location, loadDataDir ? { loadDataDir } : undefined).catch((error: unknown) => {
    release();
    throw error;
  });
  const db: Db = drizzle({ client, schema });
  return {
    db,
    kind: "pglite",
    // PGlite belongs to one process and runs one query at a time: there is nobody to race.
    withStartupLock: (fn) => fn(),
    async listen(channel, onPayload, onListen) {
      const unlisten = await client.listen(channel, onPayload);
      // In the process's own memory, PGlite's LISTEN never drops: it starts once.
      onListen?.();
      return () => unlisten();
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}
