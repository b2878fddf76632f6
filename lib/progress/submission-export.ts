import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, enrolments, submissions, users } from "../db/schema";
import { isCountedAttempt } from "../scoring/counted-score-sql";
import { isLate, penalizedScore } from "../scoring/late-policy";
import { attemptScore } from "../scoring/attempt-score";
import type { CsvValue } from "./csv";
import { isScopeAssignment, policyFor, type CourseScope } from "./scope";

export const SUBMISSION_EXPORT_HEADER = ["id", "student email", "assessment", "exercise", "created", "graded", "status", "verdict", "score", "late", "counted", "override"] as const;

/**
 * One row per submit-mode attempt by the course's students, oldest first. `counted` marks the attempt
 * whose score (staff's override first, after its late penalty) is the one that counts: the earliest of the
 * best; `override` is the score staff set (empty: none), `score` the grader's.
 */
export async function buildSubmissionExport(db: Db, scope: CourseScope): Promise<CsvValue[][]> {
  if (scope.assignments.length === 0) return [[...SUBMISSION_EXPORT_HEADER]];
  const rows = await submissionExportQuery(db, scope);
  const byId = new Map(scope.assignments.map((assignment) => [assignment.id, assignment]));
  const policyOfRow = (row: { assignmentId: string; userId: string }) => policyFor(scope, byId.get(row.assignmentId)!, row.userId);
  const best = new Map<string, { id: string; adjusted: number }>();
  for (const row of rows) {
    const adjusted = penalizedScore(policyOfRow(row), { submittedAt: row.createdAt, score: attemptScore(row) });
    if (adjusted === null) continue;
    const key = `${row.assignmentId}:${row.userId}`;
    const current = best.get(key);
    if (!current || adjusted > current.adjusted) best.set(key, { id: row.id, adjusted });
  }
  const counted = new Set([...best.values()].map((entry) => entry.id));
  return [
    [...SUBMISSION_EXPORT_HEADER],
    ...rows.map((row) => {
      return [row.id, row.email, byId.get(row.assignmentId)!.assessmentTitle, row.exerciseId, row.createdAt, row.gradedAt, row.status, row.verdict, row.score, isLate(policyOfRow(row), row.createdAt), counted.has(row.id), row.overrideScore];
    }),
  ];
}

/** The course's students' submit-mode attempts, one assignment at a time (lateral, over submissions_assignment_user_idx). */
export function submissionExportQuery(db: Db, scope: CourseScope) {
  const attempts = db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      exerciseId: submissions.exerciseId,
      createdAt: submissions.createdAt,
      gradedAt: submissions.gradedAt,
      status: submissions.status,
      verdict: submissions.verdict,
      score: submissions.score,
      overrideScore: submissions.overrideScore,
    })
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignments.id), isCountedAttempt()))
    .orderBy(asc(submissions.createdAt))
    .as("attempts");
  return db
    .select({
      id: attempts.id,
      assignmentId: assignments.id,
      userId: attempts.userId,
      email: users.email,
      exerciseId: attempts.exerciseId,
      createdAt: attempts.createdAt,
      gradedAt: attempts.gradedAt,
      status: attempts.status,
      verdict: attempts.verdict,
      score: attempts.score,
      overrideScore: attempts.overrideScore,
    })
    .from(assignments)
    .innerJoinLateral(attempts, sql`true`)
    .innerJoin(enrolments, and(eq(enrolments.courseId, assignments.courseId), eq(enrolments.userId, attempts.userId), eq(enrolments.role, "student")))
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(
      isScopeAssignment(scope),
    )
    .orderBy(asc(attempts.createdAt), asc(attempts.id));
}
