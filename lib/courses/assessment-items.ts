import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import type { DbOrTx } from "../db/transaction";
import { assignments, exercises, type Assignment } from "../db/schema";
import { AppError } from "../errors";
import { getCourseAssessment, requireSameSet } from "./assessments";

const AddExerciseInputSchema = z.object({
  exerciseId: z.string().min(1, "must name an exercise"),
  /** Defaults to the exercise's own points. */
  points: z.coerce.number().int().min(0).max(10_000).optional(),
});
export type AddExerciseInput = z.input<typeof AddExerciseInputSchema>;

/**
 * Adds an exercise at the end of an assessment, worth the exercise's own points unless `points` says
 * otherwise. A course's own exercise is pinned to its current version (an instructor moves it on); a
 * catalogue exercise follows its current version. Another course's exercise is NOT_FOUND; an exercise
 * already in the assessment is a CONFLICT (it may sit in other assessments of the course).
 */
export async function addExerciseToAssessment(db: DbOrTx, courseId: string, assessmentId: string, input: AddExerciseInput): Promise<Assignment> {
  const data = AddExerciseInputSchema.parse(input);
  const assessment = await getCourseAssessment(db, courseId, assessmentId);
  const exercise = await getAssignableExercise(db, courseId, data.exerciseId);
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${assignments.position}), -1)::int` })
    .from(assignments)
    .where(eq(assignments.assessmentId, assessment.id));
  const [row] = await db
    .insert(assignments)
    .values({
      courseId,
      assessmentId: assessment.id,
      exerciseId: data.exerciseId,
      points: data.points ?? exercise.points,
      exerciseVersion: exercise.courseId === null ? null : exercise.currentVersion,
      position: Number(last?.position ?? -1) + 1,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("CONFLICT", `Exercise ${data.exerciseId} is already in "${assessment.title}".`);
  return row;
}

/** The exercise, if the course may assign it: the catalogue's and the course's own; NOT_FOUND otherwise. */
export async function getAssignableExercise(db: DbOrTx, courseId: string, exerciseId: string) {
  const [row] = await db
    .select({ title: exercises.title, points: exercises.points, courseId: exercises.courseId, currentVersion: exercises.currentVersion })
    .from(exercises)
    .where(and(eq(exercises.id, exerciseId), or(isNull(exercises.courseId), eq(exercises.courseId, courseId))))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", `There is no exercise "${exerciseId}" in the catalogue.`);
  return row;
}

/** Puts an assessment's exercises in the given order (their assignment ids, each named once). */
export async function reorderAssessmentItems(db: Db, courseId: string, assessmentId: string, assignmentIds: readonly string[]): Promise<void> {
  await getCourseAssessment(db, courseId, assessmentId);
  await db.transaction(async (tx) => {
    // Locked in id order, so that two concurrent reorders wait for each other rather than deadlock.
    const rows = await tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.assessmentId, assessmentId)).orderBy(asc(assignments.id)).for("update");
    requireSameSet(rows.map((row) => row.id), assignmentIds, "exercise");
    for (const [position, id] of assignmentIds.entries()) {
      await tx.update(assignments).set({ position }).where(and(eq(assignments.id, id), eq(assignments.assessmentId, assessmentId)));
    }
  });
}
