import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { assignments, exerciseVersions, exercises, type User } from "../db/schema";
import { getOwnedCourseExercise, requireAuthor } from "./access";
import { draftMeta } from "./draft-meta";
import type { PublishedVersion } from "./types";

const PackageColumnSchema = z.object({ files: z.record(z.string(), z.string()) });

/** Every published version of a course exercise, newest first, with the assignments pinned to each. */
export async function listVersions(db: Db, user: User, courseSlug: string, exerciseId: string): Promise<PublishedVersion[]> {
  const membership = await requireAuthor(db, user, courseSlug);
  const courseId = membership.course.id;
  await getOwnedCourseExercise(db, courseId, exerciseId);
  const [exercise] = await db.select({ version: exercises.currentVersion }).from(exercises).where(and(eq(exercises.id, exerciseId), eq(exercises.courseId, courseId))).limit(1);
  if (!exercise) return [];
  const rows = await db
    .select({
      version: exerciseVersions.contentHash,
      package: exerciseVersions.package,
      createdAt: exerciseVersions.createdAt,
      assignmentCount: sql<number>`(select count(*)::int from ${assignments} where ${assignments.exerciseId} = ${exerciseVersions.exerciseId} and ${assignments.exerciseVersion} = ${exerciseVersions.contentHash})`,
    })
    .from(exerciseVersions)
    .where(eq(exerciseVersions.exerciseId, exerciseId))
    .orderBy(desc(exerciseVersions.createdAt));
  return rows.map((row) => ({
    version: row.version,
    publishedAt: row.createdAt.toISOString(),
    title: draftMeta(exerciseId, PackageColumnSchema.parse(row.package).files).title,
    current: row.version === exercise.version,
    assignmentCount: Number(row.assignmentCount),
  }));
}
