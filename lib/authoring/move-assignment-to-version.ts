import { and, eq } from "drizzle-orm";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { assignments, exerciseVersions, exercises, type Assignment, type User } from "../db/schema";
import { getCourseAssignment } from "../courses/assignments";
import { AppError } from "../errors";
import { requireAuthor } from "./access";

/**
 * Moves an assignment of a course exercise to another of its published versions: later submissions
 * are graded against it, and the page then offers the existing regrade for the earlier ones (a
 * regrade grades against the assignment's version). Takes an author who may also edit assignments.
 */
export async function moveAssignmentToVersion(db: Db, user: User, courseSlug: string, assignmentId: string, version: string): Promise<Assignment> {
  const membership = await requireAuthor(db, user, courseSlug);
  if (!can(membership, "edit-assignment")) throw new AppError("NOT_FOUND", "No such assignment.");
  const courseId = membership.course.id;
  const assignment = await getCourseAssignment(db, courseId, assignmentId);
  const [owned] = await db.select({ id: exercises.id }).from(exercises).where(and(eq(exercises.id, assignment.exerciseId), eq(exercises.courseId, courseId))).limit(1);
  if (!owned) throw new AppError("NOT_FOUND", "This assignment's exercise is not one of the course's own: it follows the catalogue.");
  const [known] = await db
    .select({ version: exerciseVersions.contentHash })
    .from(exerciseVersions)
    .where(and(eq(exerciseVersions.exerciseId, assignment.exerciseId), eq(exerciseVersions.contentHash, version)))
    .limit(1);
  if (!known) throw new AppError("NOT_FOUND", "No such version of this exercise.");
  const [row] = await db
    .update(assignments)
    .set({ exerciseVersion: version })
    .where(and(eq(assignments.id, assignment.id), eq(assignments.courseId, courseId)))
    .returning();
  if (!row) throw new AppError("NOT_FOUND", "No such assignment.");
  return row;
}
