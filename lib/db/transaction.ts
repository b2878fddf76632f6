import type { Db } from "./client";

/** A transaction of the app's database, as Db.transaction hands it to its callback. */
export type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** The database or a transaction on it: writers that must join their caller's transaction take this. */
export type DbOrTx = Db | Transaction;
