import type { Db } from "../db";
import type { Transaction } from "../db/transaction";
import { revokeGrantsOfRemovedMember } from "../accommodations";
import { removeMemberInTransaction } from "../courses/members";

/**
 * A member leaves the course: their accommodations there end (audited under `actorId`, scores
 * re-reported) and their enrolment goes, in one transaction. Their account and work stay.
 */
export async function removeCourseMember(db: Db, courseId: string, userId: string, actorId: string): Promise<void> {
  await db.transaction((tx) => removeCourseMemberIn(tx, courseId, userId, actorId));
}

/** removeCourseMember in the caller's transaction (an LMS roster sync ends several at once); `actorId` null: the system. */
export async function removeCourseMemberIn(tx: Transaction, courseId: string, userId: string, actorId: string | null): Promise<void> {
  await revokeGrantsOfRemovedMember(tx, courseId, userId, actorId);
  await removeMemberInTransaction(tx, courseId, userId);
}
