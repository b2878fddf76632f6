import type { Db } from "../db";
import type { User } from "../db/schema";
import { AppError } from "../errors";
import type { EngineResult } from "../grading/result";
import { MAX_CODE_BYTES } from "../submissions/rules";
import { draftFilesOf, getOwnedCourseExercise, requireAuthor, spendAuthoringBudget } from "./access";
import { draftArtefact } from "./artefact";
import { parseDataPackage } from "./format";
import { getAuthoringSandbox, type AuthoringSandbox } from "./sandbox-port";

/**
 * "Try as a student": grades `source` against the saved draft, as a Submit (hidden tests included) or
 * a Run (`examplesOnly`). INVALID_INPUT while the draft has problems or is a quiz.
 */
export async function tryDraft(
  db: Db,
  user: User,
  courseSlug: string,
  exerciseId: string,
  source: string,
  options: { examplesOnly?: boolean } = {},
  sandbox: AuthoringSandbox = getAuthoringSandbox(),
): Promise<EngineResult> {
  const membership = await requireAuthor(db, user, courseSlug);
  const row = await getOwnedCourseExercise(db, membership.course.id, exerciseId);
  if (Buffer.byteLength(source, "utf8") > MAX_CODE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The code is over the limit of ${MAX_CODE_BYTES / 1024} KB.`);
  await spendAuthoringBudget(db, user);
  const files = draftFilesOf(row);
  const parsed = parseDataPackage(exerciseId, files);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", "The draft has problems: fix them (see the check) before trying it.");
  if (parsed.pkg.kind === "quiz") throw new AppError("INVALID_INPUT", "A quiz is tried in its preview, not with code.");
  return sandbox.grade(draftArtefact(exerciseId, files), source, { examplesOnly: options.examplesOnly ?? false });
}
