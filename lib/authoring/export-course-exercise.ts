import { z } from "zod";
import type { Db } from "../db";
import type { User } from "../db/schema";
import { writeArchive } from "./format";
import { draftFilesOf, getOwnedCourseExercise, requireAuthor } from "./access";

export const ArchiveFormatSchema = z.enum(["zip", "tar.gz"]);
export type ArchiveFormat = z.infer<typeof ArchiveFormatSchema>;

/** A course exercise's draft as an archive holding the folder `<id>/` (deterministic bytes: the same files, the same archive). */
export async function exportCourseExercise(db: Db, user: User, courseSlug: string, exerciseId: string, format: ArchiveFormat): Promise<{ filename: string; bytes: Buffer }> {
  const membership = await requireAuthor(db, user, courseSlug);
  const row = await getOwnedCourseExercise(db, membership.course.id, exerciseId);
  const kind = ArchiveFormatSchema.parse(format);
  return { filename: `${row.id}.${kind}`, bytes: writeArchive(kind, row.id, draftFilesOf(row)) };
}
