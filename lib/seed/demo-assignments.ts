import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, exercises } from "../db/schema";
import { createGradeCategory, listGradeCategories } from "../courses/grade-categories";
import { createAssessment } from "../courses/assessments";
import { addExerciseToAssessment } from "../courses/assessment-items";
import { findAssignmentOfExercise } from "../courses/assignments";
import { findCourseBySlug } from "../courses/courses";
import { COURSE_TOPICS, topicRank } from "../exercises/topics";
import { DEMO_COURSE } from "./demo";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo course's grade categories: problem sets and quizzes, each dropping its lowest. */
const DEMO_CATEGORIES = [
  { name: "Homework", weight: 60, dropLowest: 1 },
  { name: "Quizzes", weight: 40, dropLowest: 1 },
] as const;

/**
 * Assigns the catalogue to the demo course as a term of assessments: per topic, in teaching order, a
 * problem set of its code and model exercises ("Homework") and a quiz of its quizzes ("Quizzes"), open
 * now, due a week apart from two weeks on, late work at 10 % a day for a week. Idempotent: an exercise
 * already assigned is left where it is; a new one joins its topic's assessment.
 */
export async function assignCatalogueToDemoCourse(db: Db, now = new Date()): Promise<number> {
  const course = await findCourseBySlug(db, DEMO_COURSE.slug);
  if (!course) return 0;
  // The repository catalogue only: a course's own exercises belong to that course.
  const all = await db
    .select({ id: exercises.id, topic: exercises.topic, kind: exercises.kind })
    .from(exercises)
    .where(isNull(exercises.courseId))
    .orderBy(asc(exercises.title));
  all.sort((a, b) => topicRank(a.topic) - topicRank(b.topic));
  const unassigned = [];
  for (const exercise of all) if (!(await findAssignmentOfExercise(db, course.id, exercise.id))) unassigned.push(exercise);
  if (unassigned.length === 0) return 0;
  // Categories only for a course that has no assessments yet: one carried over from one-exercise
  // assignments (migration 0010) keeps grading by points, rather than gain categories that its
  // uncategorised assessments would not count in.
  const [any] = await db.select({ id: assessments.id }).from(assessments).where(eq(assessments.courseId, course.id)).limit(1);
  const categories = any ? new Map((await listGradeCategories(db, course.id)).map((row) => [row.name, row.id])) : await ensureDemoCategories(db, course.id);
  let added = 0;
  for (const exercise of unassigned) {
    const quiz = exercise.kind === "quiz";
    const week = Math.min(topicRank(exercise.topic), COURSE_TOPICS.length);
    const title = `${quiz ? "Quiz" : "Homework"} ${week + 1}: ${exercise.topic}`;
    const dueAt = new Date(now.getTime() + (14 + 7 * week) * DAY_MS);
    const [existing] = await db
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.courseId, course.id), eq(assessments.title, title)))
      .limit(1);
    const assessmentId =
      existing?.id ??
      (
        await createAssessment(db, course.id, {
          title,
          categoryId: categories.get(quiz ? "Quizzes" : "Homework") ?? null,
          opensAt: new Date(now.getTime() - DAY_MS),
          dueAt,
          latePolicy: "penalty",
          latePenaltyPerDay: 10,
          lateCutoffAt: new Date(dueAt.getTime() + 7 * DAY_MS),
        })
      ).id;
    await addExerciseToAssessment(db, course.id, assessmentId, { exerciseId: exercise.id });
    added++;
  }
  return added;
}

/** The demo categories by name, created when the course has none yet (an instructor's edits are kept). */
async function ensureDemoCategories(db: Db, courseId: string): Promise<Map<string, string>> {
  let rows = await listGradeCategories(db, courseId);
  if (rows.length === 0) {
    for (const { name, weight, dropLowest } of DEMO_CATEGORIES) await createGradeCategory(db, courseId, { name, weight, dropLowest });
    rows = await listGradeCategories(db, courseId);
  }
  return new Map(rows.map((row) => [row.name, row.id]));
}
