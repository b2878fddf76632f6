import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { exerciseVersions, exercises } from "../db/schema";
import type { LoadedExercise } from "./catalogue";

export interface SyncReport {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Records each loaded package in the database: the `exercises` row points at the current content
 * hash and every version ever seen is kept, so a submission can name the version it was graded against.
 */
export async function syncExercises(db: Db, loaded: readonly LoadedExercise[]): Promise<SyncReport> {
  const report: SyncReport = { added: [], updated: [], unchanged: [] };
  const existing = new Map(
    (await db.select({ id: exercises.id, version: exercises.currentVersion }).from(exercises)).map((row) => [row.id, row.version]),
  );
  for (const { pkg, contentHash, files } of loaded) {
    const { exercise } = pkg;
    const previous = existing.get(exercise.id);
    if (previous === contentHash) {
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
      await tx.insert(exercises).values(row).onConflictDoUpdate({ target: exercises.id, set: { ...row, id: sql`excluded.id` } });
      await tx
        .insert(exerciseVersions)
        .values({ exerciseId: exercise.id, contentHash, package: { files } })
        .onConflictDoNothing();
    });
    (previous === undefined ? report.added : report.updated).push(exercise.id);
  }
  return report;
}
