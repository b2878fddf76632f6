import { isNull } from "drizzle-orm";
import type { Db } from "../db";
import { exercises } from "../db/schema";
import { createAssignment, findAssignmentOfExercise } from "../courses/assignments";
import { findCourseBySlug } from "../courses/courses";
import { DEMO_COURSE } from "./demo";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Assigns every exercise of the catalogue to the demo course (open now, due in four weeks, late work at 10 % a day). */
export async function assignCatalogueToDemoCourse(db: Db, now = new Date()): Promise<number> {
  const course = await findCourseBySlug(db, DEMO_COURSE.slug);
  if (!course) return 0;
  let added = 0;
  // The repository catalogue only: a course's own exercises belong to that course.
  const all = await db.select({ id: exercises.id }).from(exercises).where(isNull(exercises.courseId));
  for (const exercise of all) {
    if (await findAssignmentOfExercise(db, course.id, exercise.id)) continue;
    await createAssignment(db, course.id, {
      exerciseId: exercise.id,
      opensAt: new Date(now.getTime() - DAY_MS),
      dueAt: new Date(now.getTime() + 28 * DAY_MS),
      latePolicy: "penalty",
      latePenaltyPerDay: 10,
      lateCutoffAt: new Date(now.getTime() + 35 * DAY_MS),
    });
    added++;
  }
  return added;
}
