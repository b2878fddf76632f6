import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { accommodationGroups, accommodations } from "../db/schema";
import { plural } from "../format/plural";
import { appendAudit } from "./audit";
import { getCourseGroup } from "./subjects";
import { groupScoreScope, listGroupMemberIds, trackAccommodationScores } from "./track-scores";
import type { AccommodationScope } from "./types";

/** Deletes a group of the course with its memberships and its grants; its members' scores are re-counted. */
export async function deleteAccommodationGroup(db: Db, scope: AccommodationScope, groupId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const group = await getCourseGroup(tx, scope.courseId, groupId);
    const members = await listGroupMemberIds(tx, groupId);
    const grants = await tx.select({ id: accommodations.id }).from(accommodations).where(eq(accommodations.groupId, groupId));
    const assessmentIds = await groupScoreScope(tx, groupId);
    const affected = assessmentIds.length === 0 ? [] : members;
    await trackAccommodationScores(tx, { courseId: scope.courseId, userIds: affected, assessmentIds }, async () => {
      await tx.delete(accommodationGroups).where(eq(accommodationGroups.id, groupId));
    });
    await appendAudit(tx, {
      ...scope,
      action: "group_deleted",
      groupId,
      summary: `Deleted group "${group.label}" (${plural(members.length, "member")}, ${plural(grants.length, "grant")} revoked)`,
      before: { label: group.label, members, grants: grants.length },
    });
  });
}
