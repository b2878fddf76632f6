import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { exerciseVersions, exercises } from "../db/schema";
import { buildArtefact } from "./artefacts";
import type { LoadedExercise } from "./catalogue";

export interface SyncReport {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Records each loaded package in the database: the `exercises` row points at the current content
 * hash and every version ever seen is kept, with its artefact (built once, here), so a submission can
 * name the version it is graded against and any grader can grade exactly that version.
 */
export async function syncExercises(db: Db, loaded: readonly LoadedExercise[]): Promise<SyncReport> {
  const report: SyncReport = { added: [], updated: [], unchanged: [] };
  const existing = new Map(
    (await db.select({ id: exercises.id, version: exercises.currentVersion }).from(exercises)).map((row) => [row.id, row.version]),
  );
  const unbuilt = new Set(
    (await db.select({ id: exerciseVersions.exerciseId, version: exerciseVersions.contentHash }).from(exerciseVersions).where(isNull(exerciseVersions.artefact))).map(
      (row) => `${row.id}\0${row.version}`,
    ),
  );
  for (const entry of loaded) {
    const { pkg, contentHash, files } = entry;
    const { exercise } = pkg;
    const previous = existing.get(exercise.id);
    if (previous === contentHash) {
      // A version stored before artefacts existed gets its artefact now, from the same files.
      if (unbuilt.has(`${exercise.id}\0${contentHash}`)) await backfillArtefact(db, entry);
      report.unchanged.push(exercise.id);
      continue;
    }
    const artefact = await buildArtefact(entry);
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
      await tx.insert(exercises).values(row).onConflictDoUpdate({ target: exercises.id, set: { ...row, id: sql`excluded.id` } });
      // An artefact is immutable: a version seen before keeps the one it was first built with.
      await tx
        .insert(exerciseVersions)
        .values({ exerciseId: exercise.id, contentHash, package: { files }, artefact })
        .onConflictDoUpdate({
          target: [exerciseVersions.exerciseId, exerciseVersions.contentHash],
          set: { artefact: sql`coalesce(${exerciseVersions.artefact}, excluded.artefact)` },
        });
    });
    (previous === undefined ? report.added : report.updated).push(exercise.id);
  }
  return report;
}

async function backfillArtefact(db: Db, entry: LoadedExercise): Promise<void> {
  const artefact = await buildArtefact(entry);
  if (artefact === null) return;
  await db
    .update(exerciseVersions)
    .set({ artefact })
    .where(and(eq(exerciseVersions.exerciseId, entry.pkg.exercise.id), eq(exerciseVersions.contentHash, entry.contentHash), isNull(exerciseVersions.artefact)));
}
