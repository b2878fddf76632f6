import { eq } from "drizzle-orm";
import { rateLimits } from "../db/schema";
import type { Transaction } from "../db/transaction";
export type { Transaction };

export type RateLimitRow = typeof rateLimits.$inferSelect;

/**
 * The row of `key`, created empty when missing and locked until the transaction ends, so that
 * concurrent deciders on any number of app instances take turns on it.
 */
export async function lockedRateLimitRow(tx: Transaction, key: string): Promise<RateLimitRow> {
  await tx.insert(rateLimits).values({ key, windowStart: new Date(0), count: 0, previousCount: 0 }).onConflictDoNothing();
  const [row] = await tx.select().from(rateLimits).where(eq(rateLimits.key, key)).for("update");
  if (!row) throw new Error(`Rate limit row ${key} vanished inside its transaction`);
  return row;
}
