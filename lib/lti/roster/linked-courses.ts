import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { ltiContexts, ltiPlatforms } from "../../db/schema";

/** An LMS course linked to a Tensorgrade course, with its last roster sync. */
export interface LinkedLmsCourse {
  contextRowId: string;
  title: string;
  contextId: string;
  platformName: string;
  issuer: string;
  canSync: boolean;
  lastRosterSyncAt: Date | null;
  lastRosterSyncError: string | null;
}

/** The LMS courses linked to `courseId`, by platform then title. */
export async function listLinkedLmsCourses(db: DbOrTx, courseId: string): Promise<LinkedLmsCourse[]> {
  const rows = await db
    .select({ context: ltiContexts, platformName: ltiPlatforms.name, issuer: ltiPlatforms.issuer })
    .from(ltiContexts)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
    .where(eq(ltiContexts.courseId, courseId))
    .orderBy(asc(ltiPlatforms.issuer), asc(ltiContexts.title), asc(ltiContexts.contextId));
  return rows.map(({ context, platformName, issuer }) => ({
    contextRowId: context.id,
    title: context.title,
    contextId: context.contextId,
    platformName,
    issuer,
    canSync: context.membershipsUrl !== null,
    lastRosterSyncAt: context.lastRosterSyncAt,
    lastRosterSyncError: context.lastRosterSyncError,
  }));
}

/** Whether the LMS course `contextRowId` is linked to `courseId` (a sync is asked for from that course's page). */
export async function isLinkedToCourse(db: DbOrTx, courseId: string, contextRowId: string): Promise<boolean> {
  const [row] = await db.select({ id: ltiContexts.id }).from(ltiContexts).where(and(eq(ltiContexts.id, contextRowId), eq(ltiContexts.courseId, courseId)));
  return row !== undefined;
}
