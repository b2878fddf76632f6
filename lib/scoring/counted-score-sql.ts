import { and, eq, sql, type SQL } from "drizzle-orm";
import { assessments, assignments, studentAccommodations, submissions } from "../db/schema";
import { effectiveLatePolicy, penalizedScoreSql } from "./late-policy-sql";

/** Which attempts count toward a score: Submits; Runs (visible examples only) never do. */
export function isCountedAttempt(): SQL {
  return eq(submissions.mode, "submit");
}

/**
 * The joins a counted-score query needs beside `submissions` and `assignments`: the assessment (inner)
 * and the submitting student's accommodations on it (left), which effectiveLatePolicy reads.
 */
export const policyJoins = {
  assessment: eq(assessments.id, assignments.assessmentId),
  accommodation: and(eq(studentAccommodations.assessmentId, assignments.assessmentId), eq(studentAccommodations.userId, submissions.userId)),
};

/**
 * countingScore as an aggregate over `submissions` rows joined to their `assignments` row and the
 * policyJoins: the best score after the student's late penalty, null while none is graded. Use with
 * isCountedAttempt().
 */
export function countedScoreAggregate(): SQL<number | null> {
  return sql<number | null>`max(${penalizedScoreSql(effectiveLatePolicy, submissions.createdAt, submissions.score)})`;
}
