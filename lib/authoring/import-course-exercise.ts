import { and, eq } from "drizzle-orm";
import { ARCHIVE_LIMITS, formatBytes } from "../exercises/archive/limits";
import type { Db } from "../db";
import { courseExercises, exercises, type User } from "../db/schema";
import { readArchive } from "./format";
import { requireAuthor, spendAuthoringBudget } from "./access";
import { checkPackageFiles, problemOf } from "./check-files";
import { parseDataPackage } from "./format";
import { insertCourseExercise } from "./insert-course-exercise";
import { getAuthoringSandbox, type AuthoringSandbox } from "./sandbox-port";
import type { DraftCheck, DraftProblem } from "./types";

/** The largest archive accepted (its unpacked limits are the archive reader's). */
export const MAX_IMPORT_BYTES = ARCHIVE_LIMITS.maxArchiveBytes;

export type ImportResult =
  | { ok: true; id: string; created: boolean; check: DraftCheck }
  | { ok: false; problems: DraftProblem[] };

const refuse = (message: string, file = ""): ImportResult => ({ ok: false, problems: [{ severity: "error", file, field: "", message }] });
const idProblem = (message: string): DraftProblem => ({ severity: "error", file: "exercise.json", field: "id", message });

/**
 * Imports a .zip or .tar.gz holding one data package folder `<id>/` as a draft: this course's exercise
 * of that id gets its draft replaced, a new id (`<course-slug>-…`) is created, an id owned elsewhere is
 * refused. Any problem of the archive or the package is reported, every one, and nothing is imported.
 * The imported draft is checked like a save (its check is stored with it).
 */
export async function importCourseExercise(db: Db, user: User, courseSlug: string, bytes: Uint8Array, sandbox: AuthoringSandbox = getAuthoringSandbox()): Promise<ImportResult> {
  const membership = await requireAuthor(db, user, courseSlug);
  const { course } = membership;
  if (bytes.byteLength > MAX_IMPORT_BYTES) return refuse(`The archive is over ${formatBytes(MAX_IMPORT_BYTES)}.`);
  const archive = readArchive(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!archive.ok) return { ok: false, problems: archive.errors.map((line) => problemOf(line, "error")) };
  const { id, files } = archive;
  const parsed = parseDataPackage(id, files);
  const problems: DraftProblem[] = parsed.ok ? [] : parsed.errors.map((line) => problemOf(line, "error"));

  const [draft] = await db.select({ courseId: courseExercises.courseId }).from(courseExercises).where(eq(courseExercises.id, id)).limit(1);
  const [published] = await db.select({ courseId: exercises.courseId }).from(exercises).where(eq(exercises.id, id)).limit(1);
  const ours = draft?.courseId === course.id;
  if ((draft && !ours) || (published && published.courseId !== course.id)) {
    problems.push(idProblem(`The id "${id}" belongs to another exercise (another course's or the catalogue's): rename the folder and exercise.json's id to one starting with "${course.slug}-".`));
  } else if (!ours && !id.startsWith(`${course.slug}-`)) {
    problems.push(idProblem(`This course's exercise ids start with "${course.slug}-": rename the folder and exercise.json's id (e.g. "${course.slug}-${id}").`));
  }
  if (problems.length > 0) return { ok: false, problems: [...problems, ...parsed.warnings.map((line) => problemOf(line, "warning"))] };
  await spendAuthoringBudget(db, user);

  const { outline: _outline, ...check } = await checkPackageFiles(id, files, sandbox);
  if (ours) {
    await db
      .update(courseExercises)
      .set({ draftFiles: files, lastCheck: check, updatedAt: new Date() })
      .where(and(eq(courseExercises.id, id), eq(courseExercises.courseId, course.id)));
    return { ok: true, id, created: false, check };
  }
  await insertCourseExercise(db, { id, courseId: course.id, files, copiedFrom: null, createdBy: user.id, lastCheck: check });
  return { ok: true, id, created: true, check };
}
