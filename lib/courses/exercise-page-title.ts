import type { Db } from "../db";
import { findAssignmentOfExercise } from "./assignments";
import { findMembershipBySlug } from "./courses";

/** The exercise page's title, "<exercise> · <course>", or null when the exercise is not the user's to see. */
export async function findExercisePageTitle(db: Db, userId: string, courseSlug: string, exerciseId: string): Promise<string | null> {
  const membership = await findMembershipBySlug(db, courseSlug, userId);
  const assigned = membership ? await findAssignmentOfExercise(db, membership.course.id, exerciseId) : null;
  return membership && assigned ? `${assigned.exercise.title} · ${membership.course.title}` : null;
}
