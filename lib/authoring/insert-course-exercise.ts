import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { courseExercises, exercises } from "../db/schema";
import { AppError } from "../errors";
import { EXERCISE_ID } from "../grading/exercise-id";
import type { DraftCheck, PackageFiles } from "./types";

export interface CourseExerciseInsert {
  id: string;
  courseId: string;
  files: PackageFiles;
  copiedFrom: string | null;
  createdBy: string;
  lastCheck?: DraftCheck | null;
}

/** Whether an id is free: no exercise (catalogue or course) and no course draft has it. */
export async function isExerciseIdFree(db: Db, id: string): Promise<boolean> {
  const [published] = await db.select({ id: exercises.id }).from(exercises).where(eq(exercises.id, id)).limit(1);
  if (published) return false;
  const [draft] = await db.select({ id: courseExercises.id }).from(courseExercises).where(eq(courseExercises.id, id)).limit(1);
  return !draft;
}

/** Inserts a new course exercise draft; CONFLICT when its id is taken (ids are unique across exercises and drafts). */
export async function insertCourseExercise(db: Db, values: CourseExerciseInsert): Promise<void> {
  if (!EXERCISE_ID.test(values.id) || values.id.length > 120) throw new AppError("INVALID_INPUT", `"${values.id}" is not an exercise id (lower-case words joined by hyphens).`);
  if (!(await isExerciseIdFree(db, values.id))) throw new AppError("CONFLICT", `An exercise with the id "${values.id}" exists already; choose another name.`);
  const inserted = await db
    .insert(courseExercises)
    .values({ id: values.id, courseId: values.courseId, draftFiles: values.files, copiedFrom: values.copiedFrom, createdBy: values.createdBy, lastCheck: values.lastCheck ?? null })
    .onConflictDoNothing()
    .returning({ id: courseExercises.id });
  if (inserted.length === 0) throw new AppError("CONFLICT", `An exercise with the id "${values.id}" exists already; choose another name.`);
}
