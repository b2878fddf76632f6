import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { exercises, type User } from "../db/schema";
import { AppError } from "../errors";
import { dataPackageFromModule } from "../exercises/data-package/from-module";
import { findLoadedExercise } from "../exercises/registry";
import { hashPackageFiles } from "../grading/artefact";
import { requireAuthor } from "./access";
import { problemOf } from "./check-files";
import type { DraftCheck, PackageFiles } from "./types";
import { insertCourseExercise, isExerciseIdFree } from "./insert-course-exercise";

/** What the check panel shows before the first save: what the copy left out, and that it is not checked yet. */
function copyNotes(files: PackageFiles, warnings: string[]): DraftCheck {
  return {
    ok: false,
    version: hashPackageFiles(files),
    problems: warnings.map((warning) => problemOf(warning, "warning")),
    items: [{ key: "copy", ok: false, text: "Copied from the catalogue, not checked yet: Save runs the check." }],
    checkedAt: new Date().toISOString(),
  };
}

/** A second copy of the same exercise gets `-2`, a third `-3`…: copying twice is not an error. */
async function freeCopyId(db: Db, base: string): Promise<string> {
  for (let n = 1; n <= 50; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (await isExerciseIdFree(db, id)) return id;
  }
  return base;
}

export const CopyCatalogueExerciseSchema = z.object({
  catalogueId: z.string().min(1).max(120),
  /** Kebab-case; defaults to the catalogue id (then `-2`, `-3`… when taken). The copy's id is `<course-slug>-<name>`. */
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens")
    .max(60)
    .optional(),
});
export type CopyCatalogueExercise = z.input<typeof CopyCatalogueExerciseSchema>;

/**
 * Copies a repository catalogue exercise into the course as a draft data package (what cannot be
 * copied as data is dropped, each with a warning). NOT_FOUND for anything but a loaded catalogue exercise.
 */
export async function copyCatalogueExercise(db: Db, user: User, courseSlug: string, input: CopyCatalogueExercise): Promise<{ id: string; warnings: string[] }> {
  const membership = await requireAuthor(db, user, courseSlug);
  const data = CopyCatalogueExerciseSchema.parse(input);
  const [row] = await db.select({ courseId: exercises.courseId }).from(exercises).where(eq(exercises.id, data.catalogueId)).limit(1);
  // Only the repository catalogue is copied here: a course's own exercise is another course's business.
  const loaded = row && row.courseId !== null ? null : await findLoadedExercise(data.catalogueId);
  if (!loaded) throw new AppError("NOT_FOUND", "No such exercise in the catalogue.");
  // A data package has code and quiz kinds: a model exercise's harness is repository code.
  if (loaded.pkg.kind === "model") throw new AppError("INVALID_INPUT", "A model exercise cannot be copied: exercises authored in the app are code exercises or quizzes.");
  const id = data.name === undefined ? await freeCopyId(db, `${membership.course.slug}-${data.catalogueId}`) : `${membership.course.slug}-${data.name}`;
  const { files, warnings } = dataPackageFromModule(loaded, id);
  await insertCourseExercise(db, { id, courseId: membership.course.id, files, copiedFrom: data.catalogueId, createdBy: user.id, lastCheck: copyNotes(files, warnings) });
  return { id, warnings };
}

