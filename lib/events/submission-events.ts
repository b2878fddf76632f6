import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/transaction";

/*
 * A submission's state changes are pushed, not polled: each writer of a submission's status sends
 * a NOTIFY on this channel in the statement's own transaction, so it is delivered once the change
 * is committed (and never for a rolled-back one). A process LISTENs once (lib/events/hub.ts) and
 * hands each event to the pages following that submission.
 */
export const SUBMISSION_EVENTS_CHANNEL = "tensorgrade_submission_events";

export const SubmissionEventSchema = z.object({
  id: z.uuid(),
  status: z.enum(["queued", "running", "graded", "error"]),
});
export type SubmissionEvent = z.infer<typeof SubmissionEventSchema>;

/** Announces `event` once `tx` commits (at once outside a transaction). */
export async function notifySubmissionEvent(tx: DbOrTx, event: SubmissionEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${SUBMISSION_EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

/** The event a NOTIFY payload carries, or null for a payload that is not one (never thrown at a listener). */
export function parseSubmissionEvent(payload: string): SubmissionEvent | null {
  try {
    const parsed = SubmissionEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
