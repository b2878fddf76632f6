import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { courseExercises, type User } from "../db/schema";
import { getOwnedCourseExercise, PackageFilesSchema, requireAuthor, spendAuthoringBudget } from "./access";
import { checkPackageFiles } from "./check-files";
import { getAuthoringSandbox, type AuthoringSandbox } from "./sandbox-port";
import type { DraftCheck, PackageFiles } from "./types";

/**
 * Saves a course exercise's draft files and checks them; the check is stored with the draft (what
 * Publish asks for) and returned. A draft with problems is saved all the same: it is a draft.
 */
export async function saveDraft(db: Db, user: User, courseSlug: string, exerciseId: string, files: PackageFiles, sandbox: AuthoringSandbox = getAuthoringSandbox()): Promise<DraftCheck> {
  const membership = await requireAuthor(db, user, courseSlug);
  await getOwnedCourseExercise(db, membership.course.id, exerciseId);
  const valid = PackageFilesSchema.parse(files);
  await spendAuthoringBudget(db, user);
  const { outline: _outline, ...check } = await checkPackageFiles(exerciseId, valid, sandbox);
  await db
    .update(courseExercises)
    .set({ draftFiles: valid, lastCheck: check, updatedAt: new Date() })
    .where(and(eq(courseExercises.id, exerciseId), eq(courseExercises.courseId, membership.course.id)));
  return check;
}
