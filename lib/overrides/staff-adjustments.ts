import { and, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db";
import { submissions } from "../db/schema";
import { listSubmissionNotes } from "./list-audit";

/** What a student reads of staff's work on one of their Submits: the score staff set (null: none) and their latest comment. */
export interface StaffAdjustment {
  score: number | null;
  comment: string;
}

/** Staff's adjustments of the given Submits (absent: no override and no comment), for their owner's attempt history. */
export async function listStaffAdjustments(db: Db, submissionIds: readonly string[]): Promise<Map<string, StaffAdjustment>> {
  const adjustments = new Map<string, StaffAdjustment>();
  if (submissionIds.length === 0) return adjustments;
  const [overridden, notes] = await Promise.all([
    db
      .select({ id: submissions.id, score: submissions.overrideScore })
      .from(submissions)
      .where(and(inArray(submissions.id, [...submissionIds]), isNotNull(submissions.overrideScore))),
    listSubmissionNotes(db, submissionIds),
  ]);
  for (const [id, note] of notes) if (note.comment !== "") adjustments.set(id, { score: null, comment: note.comment });
  for (const row of overridden) adjustments.set(row.id, { score: row.score, comment: notes.get(row.id)?.comment ?? "" });
  return adjustments;
}

/** "Score adjusted by staff: 90 %. <comment>" or "Staff comment: <comment>", as the student's pages word an adjustment. */
export function describeStaffAdjustment(adjustment: StaffAdjustment): string {
  if (adjustment.score === null) return `Staff comment: ${adjustment.comment}`;
  const head = `Score adjusted by staff: ${Math.round(adjustment.score * 10000) / 100} %.`;
  return adjustment.comment === "" ? head : `${head} ${adjustment.comment}`;
}
