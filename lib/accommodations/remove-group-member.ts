import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { accommodationGroupMembers, users } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { getCourseGroup } from "./subjects";
import { groupScoreScope, trackAccommodationScores } from "./track-scores";
import type { AccommodationScope } from "./types";

/** Takes a member out of a group; they lose its grants at once. NOT_FOUND when they are not in it. */
export async function removeGroupMember(db: Db, scope: AccommodationScope, groupId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const group = await getCourseGroup(tx, scope.courseId, groupId);
    const [member] = await tx
      .select({ name: users.name, email: users.email })
      .from(accommodationGroupMembers)
      .innerJoin(users, eq(users.id, accommodationGroupMembers.userId))
      .where(and(eq(accommodationGroupMembers.groupId, groupId), eq(accommodationGroupMembers.userId, userId)));
    if (!member) throw new AppError("NOT_FOUND", `That student is not in group "${group.label}".`);
    const assessmentIds = await groupScoreScope(tx, groupId);
    await trackAccommodationScores(tx, { courseId: scope.courseId, userIds: assessmentIds.length === 0 ? [] : [userId], assessmentIds }, async () => {
      await tx.delete(accommodationGroupMembers).where(and(eq(accommodationGroupMembers.groupId, groupId), eq(accommodationGroupMembers.userId, userId)));
    });
    await appendAudit(tx, {
      ...scope,
      action: "member_removed",
      userId,
      groupId,
      summary: `${member.name} removed from group "${group.label}"`,
      before: { label: group.label, email: member.email },
    });
  });
}
