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
 * The score an attempt counts at before its late penalty: staff's override when there is one, else the
 * grader's. attemptScore in attempt-score.ts is the same rule in TypeScript.
 */
export function effectiveScoreSql(): SQL<number | null> {
  return sql<number | null>`coalesce(${submissions.overrideScore}, ${submissions.score})`;
}

/**
 * countingScore as an aggregate over `submissions` rows joined to their `assignments` row and the
 * policyJoins: the best score (staff's override first) after the student's late penalty, null while none is graded. Use with
 * isCountedAttempt().
 */
export function countedScoreAggregate(): SQL<number | null> {
  return sql<number | null>`max(${penalizedScoreSql(effectiveLatePolicy, submissions.createdAt, effectiveScoreSql())})`;
}
