import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { assessments, assignments, studentAccommodations, submissions } from "../db/schema";
import { countedScoreAggregate, isCountedAttempt, policyJoins } from "./counted-score-sql";

export interface ScoreKey {
  userId: string;
  assignmentId: string;
}

/**
 * The score that counts for a student on an assignment, 0..1: the best Submit after its late penalty (with the student's accommodations),
 * as the class matrix, gradebook and exercise page count it; null before any graded Submit.
 */
export async function getCountedScore(db: DbOrTx, key: ScoreKey): Promise<number | null> {
  const [row] = await db
    .select({ counted: countedScoreAggregate() })
    .from(submissions)
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .innerJoin(assessments, policyJoins.assessment)
    .leftJoin(studentAccommodations, policyJoins.accommodation)
    .where(and(eq(submissions.userId, key.userId), eq(submissions.assignmentId, key.assignmentId), isCountedAttempt()));
  return row?.counted == null ? null : Number(row.counted);
}

/** Every student with a counted attempt on the assignment → their counted score (null: none graded). */
export async function listCountedScores(db: DbOrTx, assignmentId: string): Promise<Map<string, number | null>> {
  const rows = await db
    .select({ userId: submissions.userId, counted: countedScoreAggregate() })
    .from(submissions)
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .innerJoin(assessments, policyJoins.assessment)
    .leftJoin(studentAccommodations, policyJoins.accommodation)
    .where(and(eq(submissions.assignmentId, assignmentId), isCountedAttempt()))
    .groupBy(submissions.userId);
  return new Map(rows.map((row) => [row.userId, row.counted == null ? null : Number(row.counted)]));
}
