import { sql } from "drizzle-orm";
import { accommodationAudit } from "../db/schema";
import type { Transaction } from "../db/transaction";

export type AuditAction = "granted" | "changed" | "revoked" | "group_created" | "group_renamed" | "group_deleted" | "member_added" | "member_removed";

export interface AuditEntry {
  courseId: string;
  /** Who made the change; null for the system (an LMS roster sync). */
  actorId: string | null;
  action: AuditAction;
  userId?: string | null;
  groupId?: string | null;
  assessmentId?: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one row to the course's accommodation audit, in the writer's transaction. */
export async function appendAudit(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.insert(accommodationAudit).values({
    courseId: entry.courseId,
    actorId: entry.actorId,
    action: entry.action,
    userId: entry.userId ?? null,
    groupId: entry.groupId ?? null,
    assessmentId: entry.assessmentId ?? null,
    summary: entry.summary,
    before: entry.before ?? null,
    after: entry.after ?? null,
    // now() is the transaction's start: a CSV import's rows would all share it and list in no order.
    at: sql`clock_timestamp()`,
  });
}
