import type { Db } from "../db";
import type { User } from "../db/schema";
import { draftFilesOf, getOwnedCourseExercise, PackageFilesSchema, requireAuthor, spendAuthoringBudget } from "./access";
import { checkPackageFiles } from "./check-files";
import { getAuthoringSandbox, type AuthoringSandbox } from "./sandbox-port";
import type { DraftCheck, PackageFiles } from "./types";

/**
 * Checks files for a course exercise without saving them (default: its saved draft): every problem by
 * file and field, then the reference, the starter, determinism and the prompt, in the sandbox.
 */
export async function checkDraft(
  db: Db,
  user: User,
  courseSlug: string,
  exerciseId: string,
  files?: PackageFiles,
  sandbox: AuthoringSandbox = getAuthoringSandbox(),
): Promise<DraftCheck> {
  const membership = await requireAuthor(db, user, courseSlug);
  const row = await getOwnedCourseExercise(db, membership.course.id, exerciseId);
  await spendAuthoringBudget(db, user);
  const { outline: _outline, ...check } = await checkPackageFiles(exerciseId, files === undefined ? draftFilesOf(row) : PackageFilesSchema.parse(files), sandbox);
  return check;
}
