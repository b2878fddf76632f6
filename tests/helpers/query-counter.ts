import type { Logger } from "drizzle-orm/logger";
import type { Db } from "@/lib/db";
import type { DatabaseHandle } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";

export interface CountingDb {
  /** A Drizzle database on the handle's own client that records every statement it sends. */
  db: Db;
  /** Runs `fn` and returns the statements it sent (transactions' begin and commit are not statements here). */
  statementsOf(fn: (db: Db) => Promise<unknown>): Promise<string[]>;
}

/**
 * The handle's database seen through a Drizzle logger, for tests that count queries (no N+1): the
 * same connection (pool), so it sees the same rows and takes part in the same transactions.
 */
export async function countingDb(handle: DatabaseHandle): Promise<CountingDb> {
  let recording: string[] | null = null;
  const logger: Logger = { logQuery: (query) => recording?.push(query) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  let db: Db;
  if (handle.kind === "postgres") {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    db = drizzle({ client: client as Parameters<typeof drizzle>[0] extends { client?: infer C } ? C : never, schema, logger }) as unknown as Db;
  } else {
    const { drizzle } = await import("drizzle-orm/pglite");
    db = drizzle({ client: client as Parameters<typeof drizzle>[0] extends { client?: infer C } ? C : never, schema, logger }) as unknown as Db;
  }
  return {
    db,
    async statementsOf(fn) {
      const statements: string[] = [];
      recording = statements;
      try {
        await fn(db);
      } finally {
        recording = null;
      }
      return statements;
    },
  };
}
