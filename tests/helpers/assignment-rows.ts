import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { assessments, assignments, type Assessment, type Assignment } from "@/lib/db/schema";
import { getCourseAssignment } from "@/lib/courses/assignments";
import { getCourseAssessment } from "@/lib/courses/assessments";

/** An assignment with its assessment's dates and rules beside its own points, as one row (tests read both). */
export async function readAssignment(db: Db, courseId: string, assignmentId: string): Promise<Assessment & Assignment> {
  const assignment = await getCourseAssignment(db, courseId, assignmentId);
  const assessment = await getCourseAssessment(db, courseId, assignment.assessmentId);
  return { ...assessment, ...assignment };
}

type AssessmentFields = Partial<Omit<typeof assessments.$inferInsert, "id" | "courseId">>;

/** Writes fields of an assignment's assessment directly (a state the forms cannot reach, such as seconds in a date). */
export async function setAssessmentOf(db: Db, assignmentId: string, fields: AssessmentFields & { points?: number }): Promise<void> {
  const { points, ...rest } = fields;
  const [row] = await db.select({ assessmentId: assignments.assessmentId }).from(assignments).where(eq(assignments.id, assignmentId));
  if (!row) throw new Error(`no assignment ${assignmentId}`);
  if (Object.keys(rest).length > 0) await db.update(assessments).set(rest).where(eq(assessments.id, row.assessmentId));
  if (points !== undefined) await db.update(assignments).set({ points }).where(eq(assignments.id, assignmentId));
}
