import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { exercises, type User } from "../db/schema";
import { draftFilesOf, getOwnedCourseExercise, requireAuthor } from "./access";
import type { DraftCheck, PackageFiles } from "./types";

export interface CourseExerciseDraft {
  id: string;
  files: PackageFiles;
  /** The last save's check, or null before the first. */
  lastCheck: DraftCheck | null;
  copiedFrom: string | null;
  publishedVersion: string | null;
  updatedAt: string;
}

/** A course exercise's draft as the editor opens it (files with the solution: authors only). */
export async function getCourseExercise(db: Db, user: User, courseSlug: string, exerciseId: string): Promise<CourseExerciseDraft> {
  const membership = await requireAuthor(db, user, courseSlug);
  const row = await getOwnedCourseExercise(db, membership.course.id, exerciseId);
  const [published] = await db
    .select({ version: exercises.currentVersion })
    .from(exercises)
    .where(and(eq(exercises.id, exerciseId), eq(exercises.courseId, membership.course.id)))
    .limit(1);
  return {
    id: row.id,
    files: draftFilesOf(row),
    lastCheck: (row.lastCheck as DraftCheck | null) ?? null,
    copiedFrom: row.copiedFrom,
    publishedVersion: published?.version ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
