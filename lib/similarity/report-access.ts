import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { can } from "../auth/permissions";
import { assessments, assignments, exercises, type Assessment, type Assignment, type Course, type Exercise, type User } from "../db/schema";
import { findMembershipBySlug } from "../courses/courses";
import { AppError } from "../errors";

/** An assignment of a code exercise whose similarity the user may check. */
export interface SimilarityScope {
  course: Course;
  assignment: Assignment;
  exercise: Exercise;
}

const NOT_FOUND = "No such assignment.";

/** A well-formed uuid (anything else would make the database's uuid cast throw: a 500 instead of not-found). */
function isUuid(value: string): boolean {
  return z.uuid().safeParse(value).success;
}

/** The course, if the user may check similarity in it (ta, instructor); NOT_FOUND for anyone else. */
export async function requireSimilarityCourse(db: Db, user: User, courseSlug: string): Promise<Course> {
  const membership = await findMembershipBySlug(db, courseSlug, user.id);
  if (!membership || !can(membership, "check-similarity")) throw new AppError("NOT_FOUND", "No such course.");
  return membership.course;
}

/**
 * The assignment `assignmentId` of the course, for staff who may check similarity. A student, another
 * course's staff, an assignment of another course and a quiz all get NOT_FOUND (nothing to show).
 */
export async function requireSimilarityScope(db: Db, user: User, input: { courseSlug: string; assignmentId: string }): Promise<SimilarityScope> {
  const course = await requireSimilarityCourse(db, user, input.courseSlug);
  if (!isUuid(input.assignmentId)) throw new AppError("NOT_FOUND", NOT_FOUND);
  const [row] = await db
    .select({ assignment: assignments, exercise: exercises })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(and(eq(assignments.id, input.assignmentId), eq(assignments.courseId, course.id)))
    .limit(1);
  if (!row || row.exercise.kind === "quiz") throw new AppError("NOT_FOUND", NOT_FOUND);
  return { course, ...row };
}

/** The course's assessment `assessmentId`, for staff who may check similarity; NOT_FOUND otherwise. */
export async function requireSimilarityAssessment(db: Db, user: User, input: { courseSlug: string; assessmentId: string }): Promise<{ course: Course; assessment: Assessment }> {
  const course = await requireSimilarityCourse(db, user, input.courseSlug);
  if (!isUuid(input.assessmentId)) throw new AppError("NOT_FOUND", "No such assessment.");
  const [assessment] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, input.assessmentId), eq(assessments.courseId, course.id)))
    .limit(1);
  if (!assessment) throw new AppError("NOT_FOUND", "No such assessment.");
  return { course, assessment };
}
