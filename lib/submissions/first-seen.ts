import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { submissions } from "../db/schema";

/**
 * Records that the owner's page was served the final state (graded or error) of a submission: sets
 * first_seen_at once, and only for its owner (`viewerId` is whoever was served: staff set nothing).
 * Returns whether this call was the first.
 */
export async function markFirstSeen(db: Db, submissionId: string, viewerId: string): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ firstSeenAt: sql`now()` })
    .where(
      and(
        eq(submissions.id, submissionId),
        eq(submissions.userId, viewerId),
        isNull(submissions.firstSeenAt),
        inArray(submissions.status, ["graded", "error"]),
      ),
    )
    .returning({ id: submissions.id });
  return rows.length > 0;
}
