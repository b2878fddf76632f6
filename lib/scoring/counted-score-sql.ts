import { eq, sql, type SQL } from "drizzle-orm";
import { submissions } from "../db/schema";
import { assignmentLatePolicy, penalizedScoreSql } from "./late-policy-sql";

/** Which attempts count toward a score: Submits; Runs (visible examples only) never do. */
export function isCountedAttempt(): SQL {
  return eq(submissions.mode, "submit");
}

/**
 * countingScore as an aggregate over `submissions` rows joined to their `assignments` row: the best
 * score after its late penalty, null while none is graded. Use with isCountedAttempt().
 */
export function countedScoreAggregate(): SQL<number | null> {
  return sql<number | null>`max(${penalizedScoreSql(assignmentLatePolicy, submissions.createdAt, submissions.score)})`;
}
