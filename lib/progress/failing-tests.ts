import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, enrolments, submissions, testResults } from "../db/schema";
import { isCountedAttempt } from "../scoring/counted-score-sql";

export interface FailingTest {
  name: string;
  misconception: string | null;
  /** Students whose latest graded attempt failed this hidden test. */
  failing: number;
  /** Students whose latest graded attempt ran this hidden test. */
  tested: number;
  share: number;
}

export interface MisconceptionGroup {
  /** null: tests without a misconception tag. */
  misconception: string | null;
  /** Students whose latest graded attempt failed at least one hidden test with this tag. */
  failing: number;
  share: number;
  tests: FailingTest[];
}

export interface AssignmentFailures {
  /** Students whose latest graded attempt ran the hidden tests (a compile error runs none). */
  tested: number;
  /** Most-failed first; tests nobody fails are left out. */
  tests: FailingTest[];
  groups: MisconceptionGroup[];
}

/**
 * Hidden test results of each student's latest graded attempt, counted by test name and by misconception
 * tag. The latest attempts are found one assignment at a time (a lateral subquery over
 * submissions_assignment_user_idx), their results through test_results' primary key.
 */
export function failingTestsQuery(db: Db, courseId: string, assignmentIds: readonly string[]) {
  const latest = db
    .selectDistinctOn([submissions.userId], {
      id: sql<string>`${submissions.id}`.as("latest_id"),
      userId: sql<string>`${submissions.userId}`.as("latest_user_id"),
    })
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignments.id), isCountedAttempt(), eq(submissions.status, "graded")))
    .orderBy(submissions.userId, desc(submissions.createdAt))
    .as("latest");
  // Ordered as test_results' primary key is, which keeps this a probe of that index per latest attempt
  // (a subquery with ORDER BY is not flattened into a hash join over the whole table).
  const results = db
    .select({
      name: sql<string>`${testResults.name}`.as("test_name"),
      passed: sql<boolean>`${testResults.passed}`.as("test_passed"),
      misconception: sql<string | null>`${testResults.misconception}`.as("test_misconception"),
    })
    .from(testResults)
    .where(and(eq(testResults.submissionId, latest.id), eq(testResults.hidden, true)))
    .orderBy(testResults.submissionId, testResults.position)
    .as("results");
  return db
    .select({
      assignmentId: assignments.id,
      name: results.name,
      misconception: sql<string | null>`max(${results.misconception})`,
      byTag: sql<number>`grouping(${results.name})`.mapWith(Number),
      failing: sql<number>`count(distinct ${latest.userId}) filter (where not ${results.passed})`.mapWith(Number),
      tested: sql<number>`count(distinct ${latest.userId})`.mapWith(Number),
    })
    .from(assignments)
    .innerJoinLateral(latest, sql`true`)
    .innerJoin(enrolments, and(eq(enrolments.courseId, assignments.courseId), eq(enrolments.userId, latest.userId), eq(enrolments.role, "student")))
    .innerJoinLateral(results, sql`true`)
    .where(and(eq(assignments.courseId, courseId), inArray(assignments.id, [...assignmentIds])))
    .groupBy(sql`grouping sets ((${assignments.id}, ${results.name}), (${assignments.id}, ${results.misconception}))`);
}

/**
 * The hidden tests that fail most, per assignment: for each student, their *latest* graded submit-mode
 * attempt (what they currently believe is right), grouped by test name and by misconception tag.
 */
export async function getFailingTests(db: Db, courseId: string, assignmentIds: readonly string[]): Promise<Map<string, AssignmentFailures>> {
  const result = new Map<string, AssignmentFailures>(assignmentIds.map((id) => [id, { tested: 0, tests: [], groups: [] }]));
  if (assignmentIds.length === 0) return result;
  const rows = await failingTestsQuery(db, courseId, assignmentIds);
  for (const row of rows) {
    const entry = result.get(row.assignmentId);
    if (!entry) continue;
    if (row.byTag === 0) {
      entry.tested = Math.max(entry.tested, row.tested);
      if (row.failing > 0) entry.tests.push({ name: row.name, misconception: row.misconception, failing: row.failing, tested: row.tested, share: row.failing / row.tested });
    } else if (row.failing > 0) {
      entry.groups.push({ misconception: row.misconception, failing: row.failing, share: 0, tests: [] });
    }
  }
  for (const entry of result.values()) {
    entry.tests.sort((a, b) => b.failing - a.failing || a.name.localeCompare(b.name));
    for (const group of entry.groups) {
      group.share = entry.tested === 0 ? 0 : group.failing / entry.tested;
      group.tests = entry.tests.filter((test) => test.misconception === group.misconception);
    }
    entry.groups = entry.groups.filter((group) => group.tests.length > 0).sort((a, b) => b.failing - a.failing);
  }
  return result;
}
