import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { accommodationAudit, users } from "../db/schema";

export interface AuditView {
  id: string;
  at: Date;
  action: string;
  actorName: string | null;
  userId: string | null;
  groupId: string | null;
  assessmentId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

/** The course's accommodation audit, newest first, at most `limit` rows (default 100). */
export async function listAccommodationAudit(db: DbOrTx, courseId: string, options: { limit?: number } = {}): Promise<AuditView[]> {
  const limit = Math.max(1, Math.min(options.limit ?? 100, 1000));
  return db
    .select({
      id: accommodationAudit.id,
      at: accommodationAudit.at,
      action: accommodationAudit.action,
      actorName: users.name,
      userId: accommodationAudit.userId,
      groupId: accommodationAudit.groupId,
      assessmentId: accommodationAudit.assessmentId,
      summary: accommodationAudit.summary,
      before: accommodationAudit.before,
      after: accommodationAudit.after,
    })
    .from(accommodationAudit)
    .leftJoin(users, eq(users.id, accommodationAudit.actorId))
    .where(eq(accommodationAudit.courseId, courseId))
    .orderBy(desc(accommodationAudit.at), desc(accommodationAudit.id))
    .limit(limit);
}
