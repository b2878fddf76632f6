import type { Db } from "../db";
import { auditGrantsOfDeletedAssessment } from "../accommodations";
import { deleteAssessmentInTransaction, getCourseAssessment } from "../courses/assessments";

/**
 * Deletes an assessment with its exercises and their submissions; the accommodations granted on it end
 * with it, each in the audit log under `actorId`, and every counted score that goes is reported.
 */
export async function deleteAssessmentWithGrants(db: Db, courseId: string, assessmentId: string, actorId: string): Promise<void> {
  const assessment = await getCourseAssessment(db, courseId, assessmentId);
  await db.transaction(async (tx) => {
    await auditGrantsOfDeletedAssessment(tx, { courseId, actorId }, assessment.id, assessment.title);
    await deleteAssessmentInTransaction(tx, courseId, assessment.id);
  });
}
