import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { assignments, ltiContexts, ltiGradePassbacks, ltiResourceLinks, ltiUserLinks } from "../../db/schema";
import { LTI_PASSBACK_JOB, type LtiPassbackJob } from "../../queue/job-types";
import { sendJobs } from "../../queue/port";

/**
 * The passbacks one score change calls for: the student's rows on every resource link of the
 * assignment's assessment or of the assignment itself that has a line item, in an LMS course whose
 * platform knows the student (an lti_user_links row). Without a user link the LMS has no `sub` to post to.
 */
export async function findPassbackTargets(tx: DbOrTx, assignmentId: string, userId: string): Promise<LtiPassbackJob[]> {
  // One statement on every score change, LMS or not: the assessment is read in a subquery.
  const ownAssessment = tx.select({ id: assignments.assessmentId }).from(assignments).where(eq(assignments.id, assignmentId));
  const rows = await tx
    .selectDistinct({ resourceLinkRowId: ltiResourceLinks.id })
    .from(ltiResourceLinks)
    .innerJoin(ltiContexts, eq(ltiContexts.id, ltiResourceLinks.contextRowId))
    .innerJoin(ltiUserLinks, and(eq(ltiUserLinks.platformId, ltiContexts.platformId), eq(ltiUserLinks.userId, userId)))
    .where(and(isNotNull(ltiResourceLinks.lineItemUrl), or(eq(ltiResourceLinks.assignmentId, assignmentId), inArray(ltiResourceLinks.assessmentId, ownAssessment))));
  return rows.map((row) => ({ resourceLinkRowId: row.resourceLinkRowId, userId }));
}

/**
 * Marks the passbacks pending (attempts and the last error cleared: a new score starts afresh) and sends
 * one job each, in `tx`: they commit, or roll back, with the score that called for them.
 */
export async function queuePassbacks(tx: DbOrTx, targets: readonly LtiPassbackJob[], now = new Date()): Promise<void> {
  if (targets.length === 0) return;
  await tx
    .insert(ltiGradePassbacks)
    .values(targets.map((target) => ({ ...target, status: "pending" as const, attempts: 0, queuedAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [ltiGradePassbacks.resourceLinkRowId, ltiGradePassbacks.userId],
      set: { status: "pending", attempts: 0, lastError: null, queuedAt: now, updatedAt: now },
    });
  await sendJobs(tx, LTI_PASSBACK_JOB, targets);
}

/**
 * The passback rows already recorded on the resource links of an assessment or of its exercises (released
 * scores are then sent to each of those students).
 */
export async function findAssessmentPassbacks(tx: DbOrTx, assessmentId: string): Promise<LtiPassbackJob[]> {
  const exerciseIds = tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.assessmentId, assessmentId));
  return tx
    .select({ resourceLinkRowId: ltiGradePassbacks.resourceLinkRowId, userId: ltiGradePassbacks.userId })
    .from(ltiGradePassbacks)
    .innerJoin(ltiResourceLinks, eq(ltiResourceLinks.id, ltiGradePassbacks.resourceLinkRowId))
    .where(
      and(
        isNotNull(ltiResourceLinks.lineItemUrl),
        or(eq(ltiResourceLinks.assessmentId, assessmentId), inArray(ltiResourceLinks.assignmentId, exerciseIds)),
      ),
    );
}
