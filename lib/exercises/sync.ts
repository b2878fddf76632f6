import { and, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { courseExercises, exerciseVersions, exercises } from "../db/schema";
import { buildArtefact, buildArtefactFromFiles, StoredArtefactSchema, type StoredArtefact } from "./artefacts";
import type { LoadedExercise } from "./catalogue";

export interface SyncReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Catalogue packages not synced because a course's own exercise already has their id. */
  taken: string[];
}

export interface SyncOptions {
  /** Where rebuilt modules and artefacts that cannot be built are reported (startApp's log). */
  log?: (line: string) => void;
}

const PackageColumnSchema = z.object({ files: z.record(z.string(), z.string()) });

/**
 * Records each loaded package in the database: the `exercises` row points at the current content
 * hash and every version ever seen is kept, with its artefact, so a submission can name the version
 * it is graded against and any grader can grade exactly that version.
 *
 * A version's files never change, but its module bundles lib/ helpers, which follow the deployed
 * code: the current version is built again at every sync and a module whose hash changed replaces
 * the stored one (logged). A package that cannot be bundled is logged and recorded without an
 * artefact (its submissions wait in the queue and end in error; the other exercises are unaffected),
 * and every version without an artefact, older ones included, is built again from its stored files.
 */
export async function syncExercises(db: Db, loaded: readonly LoadedExercise[], options: SyncOptions = {}): Promise<SyncReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const report: SyncReport = { added: [], updated: [], unchanged: [], taken: [] };
  // Sync owns the repository catalogue only (course_id null); a course's exercises are never touched.
  const existing = new Map(
    (await db.select({ id: exercises.id, version: exercises.currentVersion }).from(exercises).where(isNull(exercises.courseId))).map((row) => [row.id, row.version]),
  );
  const courseOwned = new Set([
    ...(await db.select({ id: exercises.id }).from(exercises).where(isNotNull(exercises.courseId))).map((row) => row.id),
    ...(await db.select({ id: courseExercises.id }).from(courseExercises)).map((row) => row.id),
  ]);
  const built = new Set<string>();
  for (const entry of loaded) {
    const { pkg, contentHash, files } = entry;
    const { exercise } = pkg;
    if (courseOwned.has(exercise.id)) {
      log(`Tensorgrade: exercise package "${exercise.id}" was not synced: a course's own exercise has this id (rename the package).`);
      report.taken.push(exercise.id);
      continue;
    }
    const previous = existing.get(exercise.id);
    const artefact = await buildOrLog(entry, log);
    built.add(`${exercise.id}\0${contentHash}`);
    if (previous === contentHash) {
      if (artefact) await storeRebuilt(db, exercise.id, contentHash, artefact, log);
      report.unchanged.push(exercise.id);
      continue;
    }
    await db.transaction(async (tx) => {
      const row = {
        id: exercise.id,
        title: exercise.title,
        topic: exercise.topic,
        kind: exercise.kind,
        points: Math.round(exercise.points),
        difficulty: exercise.difficulty,
        currentVersion: contentHash,
        updatedAt: new Date(),
      };
      // The where clause keeps a course's row out of reach even if one took the id since it was read.
      await tx
        .insert(exercises)
        .values(row)
        .onConflictDoUpdate({ target: exercises.id, set: { ...row, id: sql`excluded.id` }, setWhere: isNull(exercises.courseId) });
      // A version seen before gets this build (the same files; the lib helpers as deployed now),
      // or keeps its stored one when this build failed.
      await tx
        .insert(exerciseVersions)
        .values({ exerciseId: exercise.id, contentHash, package: { files }, artefact })
        .onConflictDoUpdate({
          target: [exerciseVersions.exerciseId, exerciseVersions.contentHash],
          set: { artefact: sql`coalesce(excluded.artefact, ${exerciseVersions.artefact})` },
        });
    });
    (previous === undefined ? report.added : report.updated).push(exercise.id);
  }
  await backfillArtefacts(db, built, log);
  return report;
}

/** The package's artefact (null for a quiz), or null with a logged reason when it cannot be bundled. */
async function buildOrLog(entry: LoadedExercise, log: (line: string) => void): Promise<StoredArtefact | null> {
  try {
    return await buildArtefact(entry);
  } catch (error) {
    const id = entry.pkg.exercise.id;
    log(`Tensorgrade: exercise package "${id}" was not built (its submissions cannot be graded until it is):\n    ${describe(error)}`);
    return null;
  }
}

/** Stores a new build of an unchanged version when its module differs from (or replaces a missing) stored one. */
async function storeRebuilt(db: Db, exerciseId: string, version: string, artefact: StoredArtefact, log: (line: string) => void): Promise<void> {
  const where = and(eq(exerciseVersions.exerciseId, exerciseId), eq(exerciseVersions.contentHash, version));
  const [row] = await db.select({ artefact: exerciseVersions.artefact }).from(exerciseVersions).where(where).limit(1);
  const stored = row?.artefact === null || row === undefined ? null : StoredArtefactSchema.safeParse(row.artefact);
  if (stored?.success && stored.data.moduleHash === artefact.moduleHash) return;
  await db.update(exerciseVersions).set({ artefact }).where(where);
  if (stored) log(`Tensorgrade: exercise ${exerciseId} version ${version}: module rebuilt with the deployed lib helpers (${stored.success ? (stored.data.moduleHash?.slice(0, 12) ?? "no module") : "unreadable"} → ${artefact.moduleHash?.slice(0, 12) ?? "no module"}).`);
}

/**
 * Builds every stored version that has no artefact (one stored before artefacts existed, an older
 * version a queued submission still names, or one whose build failed) from its stored files. Quizzes
 * have none by design; a version that fails to build is logged and skipped.
 */
async function backfillArtefacts(db: Db, tried: ReadonlySet<string>, log: (line: string) => void): Promise<void> {
  const rows = await db
    .select({ exerciseId: exerciseVersions.exerciseId, version: exerciseVersions.contentHash, package: exerciseVersions.package })
    .from(exerciseVersions)
    .innerJoin(exercises, eq(exercises.id, exerciseVersions.exerciseId))
    .where(and(isNull(exerciseVersions.artefact), ne(exercises.kind, "quiz"), isNull(exercises.courseId)));
  for (const row of rows) {
    // A current version whose build just failed is not tried twice (its failure is logged already).
    if (tried.has(`${row.exerciseId}\0${row.version}`)) continue;
    const where = and(eq(exerciseVersions.exerciseId, row.exerciseId), eq(exerciseVersions.contentHash, row.version), isNull(exerciseVersions.artefact));
    try {
      const { files } = PackageColumnSchema.parse(row.package);
      const artefact = await buildArtefactFromFiles(row.exerciseId, files);
      await db.update(exerciseVersions).set({ artefact }).where(where);
    } catch (error) {
      log(`Tensorgrade: exercise ${row.exerciseId} version ${row.version} has no artefact and cannot be built from its stored files:\n    ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replaceAll("\n", "\n    ");
}
