import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, assignments } from "../db/schema";

export interface ExerciseAssessmentLink {
  id: string;
  title: string;
}

/** The course's assessments an exercise sits in, in course order (the exercise page's "Also in"). */
export async function listAssessmentsOfExercise(db: Db, courseId: string, exerciseId: string): Promise<ExerciseAssessmentLink[]> {
  return db
    .select({ id: assessments.id, title: assessments.title })
    .from(assignments)
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .where(and(eq(assignments.courseId, courseId), eq(assignments.exerciseId, exerciseId)))
    .orderBy(asc(assessments.position), asc(assessments.createdAt));
}
