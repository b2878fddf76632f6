import type { Db } from "../db";

/** A transaction of the app's database, as Db.transaction hands it to its callback. */
export type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Transaction;
