import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { exercises, type User } from "../db/schema";
import { getCourseAssignment } from "../courses/assignments";
import { findMembershipBySlug } from "../courses/courses";
import { can } from "../auth/permissions";
import { AppError } from "../errors";

export interface AssignmentVersion {
  exerciseId: string;
  /** The version the assignment is pinned to. */
  version: string;
  /** The exercise's latest published version. */
  currentVersion: string;
  /** True when a newer version is published than the one assigned (the page offers the move). */
  newer: boolean;
}

/**
 * The version an assignment of a course's own exercise is on, and whether a newer one is published;
 * null for a catalogue exercise (it follows its current version). For the course's staff.
 */
export async function getAssignmentVersion(db: Db, user: User, courseSlug: string, assignmentId: string): Promise<AssignmentVersion | null> {
  const membership = await findMembershipBySlug(db, courseSlug, user.id);
  if (!membership || !can(membership, "view-dashboard")) throw new AppError("NOT_FOUND", "No such assignment.");
  const assignment = await getCourseAssignment(db, membership.course.id, assignmentId);
  const [exercise] = await db
    .select({ version: exercises.currentVersion })
    .from(exercises)
    .where(and(eq(exercises.id, assignment.exerciseId), eq(exercises.courseId, membership.course.id)))
    .limit(1);
  if (!exercise) return null;
  const version = assignment.exerciseVersion ?? exercise.version;
  return { exerciseId: assignment.exerciseId, version, currentVersion: exercise.version, newer: version !== exercise.version };
}
