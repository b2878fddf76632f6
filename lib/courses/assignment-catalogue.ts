import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, exercises, type Exercise } from "../db/schema";
import { topicRank } from "../exercises/topics";

export interface CatalogueEntry {
  exercise: Pick<Exercise, "id" | "title" | "topic" | "kind" | "difficulty" | "points">;
  /** The course's assignment of this exercise, if it is assigned already. */
  assignmentId: string | null;
}

/**
 * The exercises a course may assign, grouped by topic in course order, marking what it has assigned:
 * the repository catalogue and the course's own published exercises (never another course's).
 */
export async function listCatalogueForCourse(db: Db, courseId: string): Promise<Array<{ topic: string; entries: CatalogueEntry[] }>> {
  const assignedRows = await db
    .select({ exerciseId: assignments.exerciseId, id: assignments.id })
    .from(assignments)
    .where(eq(assignments.courseId, courseId));
  const assigned = new Map(assignedRows.map((row) => [row.exerciseId, row.id]));
  const all = await db
    .select({ id: exercises.id, title: exercises.title, topic: exercises.topic, kind: exercises.kind, difficulty: exercises.difficulty, points: exercises.points })
    .from(exercises)
    .where(visibleTo(courseId))
    .orderBy(asc(exercises.title));
  const topics = new Map<string, CatalogueEntry[]>();
  for (const exercise of all) {
    topics.set(exercise.topic, [...(topics.get(exercise.topic) ?? []), { exercise, assignmentId: assigned.get(exercise.id) ?? null }]);
  }
  return [...topics.entries()]
    .sort(([a], [b]) => topicRank(a) - topicRank(b) || a.localeCompare(b))
    .map(([topic, entries]) => ({ topic, entries }));
}

/** Catalogue exercises, and the course's own. */
const visibleTo = (courseId: string) => or(isNull(exercises.courseId), eq(exercises.courseId, courseId));

/**
 * An exercise's catalogue entry, or null. With `courseId`, only what that course may assign (the
 * catalogue and its own exercises); without, any exercise (callers that hold an assignment's own).
 */
export async function findExerciseSummary(db: Db, exerciseId: string, courseId?: string): Promise<CatalogueEntry["exercise"] | null> {
  const [row] = await db
    .select({ id: exercises.id, title: exercises.title, topic: exercises.topic, kind: exercises.kind, difficulty: exercises.difficulty, points: exercises.points })
    .from(exercises)
    .where(courseId === undefined ? eq(exercises.id, exerciseId) : and(eq(exercises.id, exerciseId), visibleTo(courseId)))
    .limit(1);
  return row ?? null;
}
