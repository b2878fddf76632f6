import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assignmentOpens } from "../db/schema";

/** Records the first time a user opened an assignment; later opens leave that time unchanged. */
export async function recordAssignmentOpen(db: Db, assignmentId: string, userId: string, now = new Date()): Promise<void> {
  await db.insert(assignmentOpens).values({ assignmentId, userId, firstOpenedAt: now }).onConflictDoNothing();
}

/** When the user first opened the assignment, or null when they never have. */
export async function findFirstOpen(db: Db, assignmentId: string, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: assignmentOpens.firstOpenedAt })
    .from(assignmentOpens)
    .where(and(eq(assignmentOpens.assignmentId, assignmentId), eq(assignmentOpens.userId, userId)))
    .limit(1);
  return row?.at ?? null;
}
