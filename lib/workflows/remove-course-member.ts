import type { Db } from "../db";
import { revokeGrantsOfRemovedMember } from "../accommodations";
import { removeMemberInTransaction } from "../courses/members";

/**
 * A member leaves the course: their accommodations there end (audited under `actorId`, scores
 * re-reported) and their enrolment goes, in one transaction. Their account and work stay.
 */
export async function removeCourseMember(db: Db, courseId: string, userId: string, actorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeGrantsOfRemovedMember(tx, courseId, userId, actorId);
    await removeMemberInTransaction(tx, courseId, userId);
  });
}
