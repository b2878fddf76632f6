import { and, eq, inArray } from "drizzle-orm";
import { accommodationGroupMembers, accommodationGroups, accommodations, assessments, users } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { appendAudit } from "./audit";
import { describeWhere, grantParts, grantSnapshot } from "./describe";
import { getCourseTimeZone } from "./subjects";
import { changesScores, groupScoreScope, trackAccommodationScores } from "./track-scores";

/**
 * A member is leaving the course: revokes their own grants there and takes them out of the course's
 * groups, each audited under `actorId` (null: the system, e.g. an LMS roster sync) ("Ada Lovelace: accommodation on Homework 3 ended: removed from
 * the course (due …)"), counted scores re-reported. Call it in the removing transaction. A student who
 * comes back starts without accommodations. Returns how many grants and memberships it ended.
 */
export async function revokeGrantsOfRemovedMember(tx: Transaction, courseId: string, userId: string, actorId: string | null): Promise<number> {
  const own = await tx
    .select({ grant: accommodations, assessmentTitle: assessments.title })
    .from(accommodations)
    .leftJoin(assessments, eq(assessments.id, accommodations.assessmentId))
    .where(and(eq(accommodations.courseId, courseId), eq(accommodations.userId, userId)))
    .for("update", { of: accommodations });
  const groups = await tx
    .select({ id: accommodationGroups.id, label: accommodationGroups.label })
    .from(accommodationGroupMembers)
    .innerJoin(accommodationGroups, eq(accommodationGroups.id, accommodationGroupMembers.groupId))
    .where(and(eq(accommodationGroups.courseId, courseId), eq(accommodationGroupMembers.userId, userId)));
  if (own.length === 0 && groups.length === 0) return 0;

  const [user] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  const who = user?.name ?? "A former student";
  const timeZone = await getCourseTimeZone(tx, courseId);
  let scoring = own.some((row) => changesScores(row.grant));
  for (const group of groups) if (!scoring) scoring = (await groupScoreScope(tx, group.id)).length > 0;

  await trackAccommodationScores(tx, { courseId, userIds: scoring ? [userId] : [], assessmentIds: "all" }, async () => {
    if (own.length > 0) await tx.delete(accommodations).where(inArray(accommodations.id, own.map((row) => row.grant.id)));
    if (groups.length > 0) {
      await tx.delete(accommodationGroupMembers).where(and(eq(accommodationGroupMembers.userId, userId), inArray(accommodationGroupMembers.groupId, groups.map((group) => group.id))));
    }
  });
  const scope = { courseId, actorId };
  for (const { grant, assessmentTitle } of own) {
    const gave = grantParts(grant, timeZone).join(", ");
    await appendAudit(tx, {
      ...scope,
      action: "revoked",
      userId,
      assessmentId: grant.assessmentId,
      summary: `${who}: accommodation on ${describeWhere(assessmentTitle === null ? null : { title: assessmentTitle })} ended: removed from the course${gave ? ` (${gave})` : ""}`,
      before: grantSnapshot(grant),
    });
  }
  for (const group of groups) {
    await appendAudit(tx, {
      ...scope,
      action: "member_removed",
      userId,
      groupId: group.id,
      summary: `${who} removed from group "${group.label}": removed from the course`,
      before: { label: group.label, email: user?.email ?? null },
    });
  }
  return own.length + groups.length;
}
