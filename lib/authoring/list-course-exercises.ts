import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, courseExercises, exercises, type User } from "../db/schema";
import { hashPackageFiles } from "../grading/artefact";
import { draftFilesOf, requireAuthor } from "./access";
import { draftMeta } from "./draft-meta";
import type { CourseExerciseSummary } from "./types";

/** The course's own exercises (drafts and published), by id, as the library lists them. */
export async function listCourseExercises(db: Db, user: User, courseSlug: string): Promise<CourseExerciseSummary[]> {
  const membership = await requireAuthor(db, user, courseSlug);
  const courseId = membership.course.id;
  const rows = await db
    .select({
      draft: courseExercises,
      published: exercises.currentVersion,
      assignmentCount: sql<number>`(select count(*)::int from ${assignments} where ${assignments.exerciseId} = ${courseExercises.id} and ${assignments.courseId} = ${courseId})`,
    })
    .from(courseExercises)
    .leftJoin(exercises, and(eq(exercises.id, courseExercises.id), eq(exercises.courseId, courseId)))
    .where(eq(courseExercises.courseId, courseId))
    .orderBy(asc(courseExercises.id));
  return rows.map(({ draft, published, assignmentCount }) => {
    const files = draftFilesOf(draft);
    const meta = draftMeta(draft.id, files);
    return {
      id: draft.id,
      title: meta.title,
      kind: meta.kind,
      topic: meta.topic,
      copiedFrom: draft.copiedFrom,
      publishedVersion: published ?? null,
      draftChanged: published !== hashPackageFiles(files),
      updatedAt: draft.updatedAt.toISOString(),
      assignmentCount: Number(assignmentCount),
    };
  });
}
