import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { exerciseVersions, exercises, type User } from "../db/schema";
import { AppError } from "../errors";
import { hashPackageFiles } from "../grading/artefact";
import { draftFilesOf, getOwnedCourseExercise, requireAuthor, spendAuthoringBudget } from "./access";
import { versionArtefact } from "./artefact";
import { parseDataPackage } from "./format";
import { getAuthoringSandbox, type AuthoringSandbox } from "./sandbox-port";

/** What of a stored DraftCheck publishing reads. */
const StoredCheckSchema = z.object({ ok: z.boolean(), version: z.string() });

export interface PublishResult {
  version: string;
  /** False when the draft was already the current version (nothing written). */
  published: boolean;
}

/**
 * Publishes a course exercise's draft as a new immutable version and makes it current: the exercise
 * row (course_id set) and the version row, with its artefact. Refused (CONFLICT) unless the draft's
 * last check passed on exactly these files; publishing the current version again changes nothing.
 * Assignments already pinned to an earlier version stay on it until moved.
 */
export async function publishDraft(db: Db, user: User, courseSlug: string, exerciseId: string, sandbox: AuthoringSandbox = getAuthoringSandbox()): Promise<PublishResult> {
  const membership = await requireAuthor(db, user, courseSlug);
  const courseId = membership.course.id;
  const row = await getOwnedCourseExercise(db, courseId, exerciseId);
  const files = draftFilesOf(row);
  const version = hashPackageFiles(files);
  const check = StoredCheckSchema.safeParse(row.lastCheck);
  if (!check.success || check.data.version !== version) throw new AppError("CONFLICT", "Save and check the draft first: publishing needs a check of exactly these files.");
  if (!check.data.ok) throw new AppError("CONFLICT", "The draft's check did not pass: fix its problems first.");

  const [current] = await db.select({ courseId: exercises.courseId, version: exercises.currentVersion, kind: exercises.kind }).from(exercises).where(eq(exercises.id, exerciseId)).limit(1);
  // The id was free when the draft was made; a catalogue package that took it since is not overwritten.
  if (current && current.courseId !== courseId) throw new AppError("CONFLICT", `The id "${exerciseId}" is taken by another exercise.`);
  if (current?.version === version) return { version, published: false };

  const parsed = parseDataPackage(exerciseId, files);
  if (!parsed.ok) throw new AppError("CONFLICT", "The draft no longer parses: check it again.");
  const meta = parsed.pkg.exercise;
  // Assignments and attempts of the earlier versions were made for its kind: a code exercise stays code.
  if (current && current.kind !== parsed.pkg.kind) throw new AppError("CONFLICT", `This exercise was published as a ${current.kind} exercise; its kind cannot change (create a new exercise).`);
  const [stored] = await db
    .select({ version: exerciseVersions.contentHash })
    .from(exerciseVersions)
    .where(and(eq(exerciseVersions.exerciseId, exerciseId), eq(exerciseVersions.contentHash, version)))
    .limit(1);
  // A version published before (the draft went back to it) keeps its stored artefact.
  const builds = !stored && parsed.pkg.kind !== "quiz";
  if (builds) await spendAuthoringBudget(db, user);
  const artefact = builds ? await versionArtefact(exerciseId, files, sandbox) : null;
  const values = {
    id: exerciseId,
    courseId,
    title: meta.title,
    topic: meta.topic,
    kind: parsed.pkg.kind,
    points: Math.round(meta.points),
    difficulty: meta.difficulty,
    currentVersion: version,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(exercises)
      .values(values)
      .onConflictDoUpdate({ target: exercises.id, set: { ...values, id: sql`excluded.id` }, setWhere: eq(exercises.courseId, courseId) });
    if (!stored) await tx.insert(exerciseVersions).values({ exerciseId, contentHash: version, package: { files }, artefact }).onConflictDoNothing();
  });
  return { version, published: true };
}
