import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { submissions } from "../db/schema";
import type { AssignmentPolicy } from "../courses/deadlines";
import { isCountedAttempt } from "../scoring/counted-score-sql";
import { countingScore } from "../scoring/late-policy";
import { attemptScore } from "../scoring/attempt-score";

export interface AssignmentProgress {
  attemptsUsed: number;
  /** The score that counts (best, after late penalties), 0..1; null before any graded attempt. */
  score: number | null;
  status: "not_started" | "attempted" | "solved";
}

/** A student's progress on each of the given assignments (graded "submit" attempts only). */
export async function getStudentProgress(
  db: Db,
  userId: string,
  assignments: ReadonlyArray<{ id: string; policy: AssignmentPolicy }>,
): Promise<Map<string, AssignmentProgress>> {
  const progress = new Map<string, AssignmentProgress>();
  if (assignments.length === 0) return progress;
  const rows = await db
    .select({ assignmentId: submissions.assignmentId, createdAt: submissions.createdAt, score: submissions.score, overrideScore: submissions.overrideScore })
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        isCountedAttempt(),
        inArray(
          submissions.assignmentId,
          assignments.map((assignment) => assignment.id),
        ),
      ),
    );
  for (const { id, policy } of assignments) {
    const attempts = rows.filter((row) => row.assignmentId === id).map((row) => ({ submittedAt: row.createdAt, score: attemptScore(row) }));
    const score = countingScore(policy, attempts);
    progress.set(id, {
      attemptsUsed: attempts.length,
      score,
      status: attempts.length === 0 ? "not_started" : score === 1 ? "solved" : "attempted",
    });
  }
  return progress;
}
