import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { assignments } from "../db/schema";
import { AppError } from "../errors";
import { EXPLANATION_RELEASES, type ExplanationRelease } from "./explanation-release";

/** The edit form's value: "default" stores null, which follows the attempt limit; absent changes nothing. */
export const ExplanationReleaseFieldSchema = z
  .enum(["default", ...EXPLANATION_RELEASES], "must be the default, after each attempt or after the assignment closes")
  .optional()
  .transform((value): ExplanationRelease | null | undefined => (value === "default" ? null : value));

/** The form value of a stored setting. */
export function explanationReleaseField(setting: ExplanationRelease | null): "default" | ExplanationRelease {
  return setting ?? "default";
}

/** Sets when a quiz assignment's explanations reach students (null: by the attempt limit). */
export async function setExplanationRelease(db: Db, courseId: string, assignmentId: string, setting: ExplanationRelease | null): Promise<void> {
  const rows = await db
    .update(assignments)
    .set({ explanationRelease: setting })
    .where(and(eq(assignments.id, assignmentId), eq(assignments.courseId, courseId)))
    .returning({ id: assignments.id });
  if (rows.length === 0) throw new AppError("NOT_FOUND", "No such assignment.");
}
