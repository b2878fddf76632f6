import { and, eq } from "drizzle-orm";
import { accommodationGroups, accommodations, users } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { appendAudit } from "./audit";
import { describeWho, grantParts, grantSnapshot } from "./describe";
import { getCourseTimeZone } from "./subjects";
import type { AccommodationScope } from "./types";

/**
 * Audits the end of every grant on an assessment about to be deleted, a student's or a group's: one
 * "revoked" row each ("Ada Lovelace: accommodation on Homework 3 ended: the assessment was deleted
 * (due …, +1 attempt)", before = the grant). Call it in the deleting transaction, before the delete
 * (whose cascade removes the grants). Returns how many it audited.
 */
export async function auditGrantsOfDeletedAssessment(tx: Transaction, scope: AccommodationScope, assessmentId: string, assessmentTitle: string): Promise<number> {
  const grants = await tx
    .select({ grant: accommodations, studentName: users.name, groupLabel: accommodationGroups.label })
    .from(accommodations)
    .leftJoin(users, eq(users.id, accommodations.userId))
    .leftJoin(accommodationGroups, eq(accommodationGroups.id, accommodations.groupId))
    .where(and(eq(accommodations.courseId, scope.courseId), eq(accommodations.assessmentId, assessmentId)));
  if (grants.length === 0) return 0;
  const timeZone = await getCourseTimeZone(tx, scope.courseId);
  for (const { grant, studentName, groupLabel } of grants) {
    const who = grant.userId ? (studentName ?? "A former student") : describeWho({ label: groupLabel ?? "?" });
    const gave = grantParts(grant, timeZone).join(", ");
    await appendAudit(tx, {
      ...scope,
      action: "revoked",
      userId: grant.userId,
      groupId: grant.groupId,
      assessmentId,
      summary: `${who}: accommodation on ${assessmentTitle} ended: the assessment was deleted${gave ? ` (${gave})` : ""}`,
      before: grantSnapshot(grant),
    });
  }
  return grants.length;
}
