import { asc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, exercises, type Exercise } from "../db/schema";
import { topicRank } from "../exercises/topics";

export interface CatalogueEntry {
  exercise: Pick<Exercise, "id" | "title" | "topic" | "kind" | "difficulty" | "points">;
  /** The course's assignment of this exercise, if it is assigned already. */
  assignmentId: string | null;
}

/** The whole exercise catalogue grouped by topic in course order, marking what the course has assigned. */
export async function listCatalogueForCourse(db: Db, courseId: string): Promise<Array<{ topic: string; entries: CatalogueEntry[] }>> {
  const assignedRows = await db
    .select({ exerciseId: assignments.exerciseId, id: assignments.id })
    .from(assignments)
    .where(eq(assignments.courseId, courseId));
  const assigned = new Map(assignedRows.map((row) => [row.exerciseId, row.id]));
  const all = await db
    .select({ id: exercises.id, title: exercises.title, topic: exercises.topic, kind: exercises.kind, difficulty: exercises.difficulty, points: exercises.points })
    .from(exercises)
    .orderBy(asc(exercises.title));
  const topics = new Map<string, CatalogueEntry[]>();
  for (const exercise of all) {
    topics.set(exercise.topic, [...(topics.get(exercise.topic) ?? []), { exercise, assignmentId: assigned.get(exercise.id) ?? null }]);
  }
  return [...topics.entries()]
    .sort(([a], [b]) => topicRank(a) - topicRank(b) || a.localeCompare(b))
    .map(([topic, entries]) => ({ topic, entries }));
}

/** An exercise's catalogue entry, or null. */
export async function findExerciseSummary(db: Db, exerciseId: string): Promise<CatalogueEntry["exercise"] | null> {
  const [row] = await db
    .select({ id: exercises.id, title: exercises.title, topic: exercises.topic, kind: exercises.kind, difficulty: exercises.difficulty, points: exercises.points })
    .from(exercises)
    .where(eq(exercises.id, exerciseId))
    .limit(1);
  return row ?? null;
}
