import { sql } from "drizzle-orm";
import { fromDrizzle, type DrizzleTransactionLike, type Db as BossDb } from "pg-boss";
import type { DbOrTx } from "../port";

/** pg-boss statements run on the caller's connection, so a rolled-back insert enqueues nothing. */
export function onTransaction(tx: DbOrTx): BossDb {
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}
