import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { assessments, type Assessment } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { AppError } from "../errors";

/**
 * Told, in the writer's transaction, that an assessment's scores were released by staff, or may be released
 * at another time (its release policy or due date changed): grade passback queues its students' scores again.
 */
export type ReleaseListener = (tx: Transaction, assessmentId: string) => Promise<void> | void;

// Shared through globalThis like the score listeners (lib/scoring/score-changed.ts): one set per process.
const store = globalThis as typeof globalThis & { __tensorgradeReleaseListeners?: Set<ReleaseListener> };
const releaseListeners = (store.__tensorgradeReleaseListeners ??= new Set<ReleaseListener>());

/** Registers a listener of releases and release changes; returns its removal. */
export function onAssessmentReleased(listener: ReleaseListener): () => void {
  releaseListeners.add(listener);
  return () => {
    releaseListeners.delete(listener);
  };
}

/** Tells the listeners, in `tx`, that the release of an assessment's scores happened or moved. */
export async function announceAssessmentRelease(tx: Transaction, assessmentId: string): Promise<void> {
  for (const listener of releaseListeners) await listener(tx, assessmentId);
}

/**
 * Releases the scores and feedback of an assessment under the policy "When I release them" (sets
 * releasedAt to `now`), or holds them back again (clears it). Students see the change at their next read.
 * CONFLICT under another policy: there the dates decide, not a button.
 */
export async function setAssessmentRelease(db: Db, courseId: string, assessmentId: string, released: boolean, now = new Date()): Promise<Assessment> {
  if (!z.uuid().safeParse(assessmentId).success) throw new AppError("NOT_FOUND", "No such assessment.");
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "No such assessment.");
    if (current.releasePolicy !== "manual") {
      throw new AppError("CONFLICT", "Scores and feedback are not set to \u201cWhen I release them\u201d: change that setting first.");
    }
    if ((current.releasedAt !== null) === released) return current;
    const [row] = await tx
      .update(assessments)
      .set({ releasedAt: released ? now : null })
      .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)))
      .returning();
    if (released) await announceAssessmentRelease(tx, assessmentId);
    return row!;
  });
}
