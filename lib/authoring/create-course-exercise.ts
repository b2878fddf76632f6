import { z } from "zod";
import type { Db } from "../db";
import type { User } from "../db/schema";
import { requireAuthor } from "./access";
import { insertCourseExercise } from "./insert-course-exercise";
import { startingPackage } from "./starting-package";

export const NewCourseExerciseSchema = z.object({
  kind: z.enum(["code", "quiz"]),
  /** Kebab-case; the exercise's id is `<course-slug>-<name>`. */
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens")
    .max(60),
  title: z.string().trim().min(1).max(200).optional(),
});
export type NewCourseExercise = z.input<typeof NewCourseExerciseSchema>;

/** "relu-derivative" → "Relu derivative": a title to start from. */
const titleOf = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replaceAll("-", " ");

/** Creates a course's own exercise as a draft holding the smallest valid package of its kind; CONFLICT when the id is taken. */
export async function createCourseExercise(db: Db, user: User, courseSlug: string, input: NewCourseExercise): Promise<{ id: string }> {
  const membership = await requireAuthor(db, user, courseSlug);
  const data = NewCourseExerciseSchema.parse(input);
  const id = `${membership.course.slug}-${data.name}`;
  await insertCourseExercise(db, { id, courseId: membership.course.id, files: startingPackage(data.kind, id, data.title ?? titleOf(data.name)), copiedFrom: null, createdBy: user.id });
  return { id };
}
