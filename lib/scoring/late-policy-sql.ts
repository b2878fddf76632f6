import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { assessments, studentAccommodations } from "../db/schema";

/**
 * latePenaltyFactor and penalizedScore of late-policy.ts as SQL, for queries that count scores over a
 * whole class. Every step mirrors the TypeScript (same order of float8 operations), so both give the
 * same double; tests/unit/scoring/late-policy-sql.test.ts checks that on generated policies.
 */

/** Where a query finds the policy: columns or literals of LatePolicy's four fields. */
export interface LatePolicySql {
  dueAt: SQLWrapper;
  latePolicy: SQLWrapper;
  latePenaltyPerDay: SQLWrapper;
  lateCutoffAt: SQLWrapper;
  lateWaived: SQLWrapper;
}

/**
 * The student's policy in a query that joins the `assessments` row and (left) the student's
 * `student_accommodations` row: applyAccommodation of accommodation.ts, in SQL.
 */
export const effectiveLatePolicy: LatePolicySql = {
  dueAt: sql`(case when ${assessments.dueAt} is null then null else greatest(${assessments.dueAt}, ${studentAccommodations.dueAt}) end)`,
  latePolicy: assessments.latePolicy,
  latePenaltyPerDay: assessments.latePenaltyPerDay,
  lateCutoffAt: sql`(${assessments.lateCutoffAt} + (greatest(${assessments.dueAt}, ${studentAccommodations.dueAt}) - ${assessments.dueAt}))`,
  lateWaived: sql`coalesce(${studentAccommodations.waiveLatePenalty}, false)`,
};

/**
 * The instant as a JavaScript Date holds it: PostgreSQL keeps microseconds, a Date milliseconds, and an
 * attempt 0.4 ms after the deadline is on time in TypeScript.
 */
const asDate = (at: SQLWrapper) => sql`date_trunc('milliseconds', ${at})`;

/** SQL for latePenaltyFactor(policy, submittedAt): 1 on time, 0 when late work is not taken, less per started day late. */
export function latePenaltyFactorSql(policy: LatePolicySql, submittedAt: SQLWrapper): SQL<number> {
  const at = asDate(submittedAt);
  return sql<number>`(case
    when ${policy.dueAt} is null or ${at} <= ${policy.dueAt} then 1::float8
    when (not ${policy.lateWaived} and ${policy.latePolicy}::text <> 'penalty') or (${policy.lateCutoffAt} is not null and ${at} > ${policy.lateCutoffAt}) then 0::float8
    when ${policy.lateWaived} then 1::float8
    else greatest(0::float8, 1::float8 - (ceil(extract(epoch from ${at} - ${policy.dueAt}) / 86400)::float8 * ${policy.latePenaltyPerDay}::float8) / 100::float8)
  end)`;
}

/**
 * SQL for penalizedScore: the attempt's score after its late penalty, null while not graded. A `real`
 * score goes through text, as the database drivers read it (0.7, not 0.699999988079071), so that the
 * product is the one TypeScript computes from the same row.
 */
export function penalizedScoreSql(policy: LatePolicySql, submittedAt: SQLWrapper, score: SQLWrapper): SQL<number | null> {
  return sql<number | null>`((${score})::text::float8 * ${latePenaltyFactorSql(policy, submittedAt)})`;
}
