import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { accommodations, users } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { describeGrant, describeWhere, describeWho, grantSnapshot } from "./describe";
import { getAssessmentRef, getCourseGroup, getCourseTimeZone } from "./subjects";
import { changesScores, listGroupMemberIds, trackAccommodationScores } from "./track-scores";
import type { AccommodationScope } from "./types";

/** Revokes one grant of the course (NOT_FOUND otherwise); audited, counted scores re-reported. Returns the audit summary. */
export async function revokeAccommodation(db: Db, scope: AccommodationScope, accommodationId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [grant] = await tx
      .select()
      .from(accommodations)
      .where(and(eq(accommodations.courseId, scope.courseId), eq(accommodations.id, accommodationId)))
      .for("update");
    if (!grant) throw new AppError("NOT_FOUND", "There is no such accommodation in this course.");
    const timeZone = await getCourseTimeZone(tx, scope.courseId);
    let who: string;
    if (grant.userId) {
      const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, grant.userId));
      who = user?.name ?? "A former student";
    } else {
      who = describeWho(await getCourseGroup(tx, scope.courseId, grant.groupId!));
    }
    const assessment = grant.assessmentId ? await getAssessmentRef(tx, scope.courseId, grant.assessmentId) : null;
    const members = grant.userId ? [grant.userId] : await listGroupMemberIds(tx, grant.groupId!);
    await trackAccommodationScores(
      tx,
      { courseId: scope.courseId, userIds: changesScores(grant) ? members : [], assessmentIds: grant.assessmentId ? [grant.assessmentId] : "all" },
      async () => {
        await tx.delete(accommodations).where(eq(accommodations.id, grant.id));
      },
    );
    const summary = describeGrant(who, describeWhere(assessment), grant, timeZone, "revoked");
    await appendAudit(tx, {
      ...scope,
      action: "revoked",
      userId: grant.userId,
      groupId: grant.groupId,
      assessmentId: grant.assessmentId,
      summary,
      before: grantSnapshot(grant),
    });
    return summary;
  });
}
