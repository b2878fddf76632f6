import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { submissions, testResults } from "../db/schema";
import { isCountedAttempt } from "../scoring/counted-score-sql";
import { isLate, latePenaltyFactor } from "../scoring/late-policy";
import { policyFor, scopeAssignmentIds, type CourseScope } from "./scope";

export interface AttemptTest {
  name: string;
  hidden: boolean;
  passed: boolean;
  message: string;
  misconception: string | null;
}

/** One submit-mode attempt as the course staff see it. */
export interface StudentAttempt {
  id: string;
  assignmentId: string;
  createdAt: Date;
  gradedAt: Date | null;
  /**
   * How long the latest grading took (its start → its finish), in milliseconds; null before it is graded
   * and when no start was recorded (a quiz graded as it was submitted).
   */
  gradingMs: number | null;
  /** Sent → a worker claimed its job, in milliseconds; null for a quiz and while it waits. */
  queueWaitMs: number | null;
  /** Sent → the student's page first showed its result, in milliseconds; null until then. */
  seenAfterMs: number | null;
  status: "queued" | "running" | "graded" | "error";
  verdict: string | null;
  score: number | null;
  /** Staff's score (0..1), counted instead of `score`; null when none. */
  overrideScore: number | null;
  /** Share of the score kept after the late penalty (1 on time). */
  penaltyFactor: number;
  late: boolean;
  message: string | null;
  code: string | null;
  answers: unknown;
  tests: AttemptTest[];
}

/** Attempts the staff's student page shows at once; older and newer ones are a page away. */
export const STUDENT_ATTEMPTS_PER_PAGE = 50;

/** A slice of a student's attempts in their oldest-first order. */
export interface AttemptPage {
  offset: number;
  limit: number;
}

/**
 * Submit-mode attempts of one student in the course's assignments, oldest first, with their test
 * results: every one, or only `page` of them (a student may have thousands).
 */
export async function getStudentAttempts(db: Db, scope: CourseScope, userId: string, page?: AttemptPage): Promise<StudentAttempt[]> {
  if (scope.assignments.length === 0) return [];
  const query = studentSubmissionsQuery(db, scope, userId);
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  if (rows.length === 0) return [];
  const tests = await attemptTestsQuery(
    db,
    rows.map((row) => row.id),
  );
    const testsBySubmission = new Map<string, AttemptTest[]>();
  for (const test of tests) {
    const list = testsBySubmission.get(test.submissionId) ?? [];
    list.push({ name: test.name, hidden: test.hidden, passed: test.passed, message: test.message, misconception: test.misconception });
    testsBySubmission.set(test.submissionId, list);
  }
  const policies = new Map(scope.assignments.map((assignment) => [assignment.id, policyFor(scope, assignment, userId)]));
  return rows.map((row) => {
    const policy = policies.get(row.assignmentId!)!;
    return {
      id: row.id,
      assignmentId: row.assignmentId!,
      createdAt: row.createdAt,
      gradedAt: row.gradedAt,
      gradingMs: gradingDuration(row),
      queueWaitMs: millisSinceSent(row, row.claimedAt),
      seenAfterMs: millisSinceSent(row, row.firstSeenAt),
      status: row.status,
      verdict: row.verdict,
      score: row.score,
      overrideScore: row.overrideScore,
      penaltyFactor: latePenaltyFactor(policy, row.createdAt),
      late: isLate(policy, row.createdAt),
      message: row.message,
      code: row.code,
      answers: row.answers,
      tests: testsBySubmission.get(row.id) ?? [],
    };
  });
}

/** Every submit-mode attempt's assignment, time and scores (no code, answers or tests): for counting and numbering. */
export async function listStudentAttemptScores(db: Db, scope: CourseScope, userId: string) {
  if (scope.assignments.length === 0) return [];
  return db
    .select({ id: submissions.id, assignmentId: submissions.assignmentId, createdAt: submissions.createdAt, score: submissions.score, overrideScore: submissions.overrideScore })
    .from(submissions)
    .where(and(inArray(submissions.assignmentId, scopeAssignmentIds(scope)), eq(submissions.userId, userId), isCountedAttempt()))
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
}

/** The latest grading's own duration; never measured from the submission's creation, which a regrade leaves far behind. */
export function gradingDuration(row: { startedAt: Date | null; gradedAt: Date | null }): number | null {
  if (!row.startedAt || !row.gradedAt) return null;
  return Math.max(0, row.gradedAt.getTime() - row.startedAt.getTime());
}

function millisSinceSent(row: { createdAt: Date }, later: Date | null): number | null {
  return later ? Math.max(0, later.getTime() - row.createdAt.getTime()) : null;
}

export function studentSubmissionsQuery(db: Db, scope: CourseScope, userId: string) {
  return db
    .select()
    .from(submissions)
    .where(
      and(
        inArray(
          submissions.assignmentId,
          scopeAssignmentIds(scope),
        ),
        eq(submissions.userId, userId),
        isCountedAttempt(),
      ),
    )
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
}

export function attemptTestsQuery(db: Db, submissionIds: string[]) {
  return db
    .select()
    .from(testResults)
    .where(
      inArray(
        testResults.submissionId,
        submissionIds,
      ),
    )
    .orderBy(asc(testResults.submissionId), asc(testResults.position));
}
