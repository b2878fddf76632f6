import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { assessments, assignments } from "../db/schema";
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

/** Sets when the quiz explanations of an assignment's assessment reach students (null: by the attempt limit). */
export async function setExplanationRelease(db: Db, courseId: string, assignmentId: string, setting: ExplanationRelease | null): Promise<void> {
  const [assignment] = await db
    .select({ assessmentId: assignments.assessmentId })
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), eq(assignments.courseId, courseId)))
    .limit(1);
  if (!assignment) throw new AppError("NOT_FOUND", "No such assignment.");
  await db.update(assessments).set({ explanationRelease: setting }).where(and(eq(assessments.id, assignment.assessmentId), eq(assessments.courseId, courseId)));
}
