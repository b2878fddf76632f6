import type { Db } from "@/lib/db";
import { submissions, type NewSubmission, type Submission } from "@/lib/db/schema";

/**
 * Inserts a submission in state `queued` WITHOUT its grading job, for tests that drive the lifecycle
 * (claim, record, release) by hand. The app never does this: lib/submissions/lifecycle.ts inserts a
 * queued submission only together with its job (insertQueuedSubmission).
 */
export async function createSubmission(db: Db, values: NewSubmission): Promise<Submission> {
  const [row] = await db
    .insert(submissions)
    .values({ ...values, status: "queued" })
    .returning();
  if (!row) throw new Error("Inserting a submission returned no row");
  return row;
}
