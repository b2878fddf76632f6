import { and, eq, isNotNull, or } from "drizzle-orm";
import { accommodationGroupMembers, accommodations } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { trackStudentScoreChanges } from "../scoring/score-changed";
import type { GrantTerms } from "./describe";

/** Whether a grant's terms can change a counted score: a due date or a waiver (extra attempts and time do not). */
export function changesScores(terms: GrantTerms | null | undefined): boolean {
  return terms != null && (terms.dueAt !== null || terms.waiveLatePenalty);
}

/**
 * Runs `write` so that every counted score it changes, of these students on these assessments, is
 * reported with cause "accommodation" (LTI passback and caches listen), in `tx`.
 */
export async function trackAccommodationScores<T>(
  tx: Transaction,
  scope: { courseId: string; userIds: readonly string[]; assessmentIds: string[] | "all" },
  write: () => Promise<T>,
): Promise<T> {
  return trackStudentScoreChanges(tx, scope, "accommodation", write);
}

/** The members of a group (their ids). */
export async function listGroupMemberIds(tx: Transaction, groupId: string): Promise<string[]> {
  const rows = await tx.select({ userId: accommodationGroupMembers.userId }).from(accommodationGroupMembers).where(eq(accommodationGroupMembers.groupId, groupId));
  return rows.map((row) => row.userId);
}

/** The assessments a group's score-changing grants apply to ("all" when one applies to every assessment); [] when none. */
export async function groupScoreScope(tx: Transaction, groupId: string): Promise<string[] | "all"> {
  const rows = await tx
    .select({ assessmentId: accommodations.assessmentId })
    .from(accommodations)
    .where(and(eq(accommodations.groupId, groupId), or(isNotNull(accommodations.dueAt), eq(accommodations.waiveLatePenalty, true))));
  if (rows.some((row) => row.assessmentId === null)) return "all";
  return [...new Set(rows.map((row) => row.assessmentId!))];
}
