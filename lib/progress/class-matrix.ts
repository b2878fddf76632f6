import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, assignments, enrolments, studentAccommodations, submissions } from "../db/schema";
import { countedScoreAggregate, isCountedAttempt, policyJoins } from "../scoring/counted-score-sql";
import { countedPoints } from "../scoring/points";
import { isScopeAssignment, type CourseScope } from "./scope";

export type CellStatus = "not_started" | "attempted" | "solved";

/** One student's standing on one assignment (counted attempts only: Submits, not Runs). */
export interface MatrixCell {
  attempts: number;
  /** The counted score, 0..1 (best attempt after late penalties); null before any graded attempt. */
  score: number | null;
  /** `score` × the assignment's points. */
  points: number | null;
  status: CellStatus;
  firstSubmittedAt: Date;
  lastSubmittedAt: Date;
  /** The first attempt with a raw score of 1 (full marks), whether late or not. */
  firstFullMarksAt: Date | null;
}

/** assignmentId → userId → cell; a student without a submit-mode attempt has no cell. */
export type ClassMatrix = Map<string, Map<string, MatrixCell>>;

/**
 * Per student and assignment: attempts, the counted score and times (students of the course, counted
 * attempts only). The lateral subquery reads one assignment at a time through
 * submissions_assignment_user_idx, so the cost follows the course's size, not the table's.
 */
export function classMatrixQuery(db: Db, scope: CourseScope) {
  const cells = db
    .select({
      userId: sql<string>`${submissions.userId}`.as("cell_user_id"),
      attempts: sql<number>`count(*)::int`.as("attempts"),
      counted: countedScoreAggregate().as("counted"),
      lastAt: sql<Date | string>`max(${submissions.createdAt})`.as("last_at"),
      firstAt: sql<Date | string>`min(${submissions.createdAt})`.as("first_at"),
      firstFullAt: sql<Date | string | null>`min(${submissions.createdAt}) filter (where ${submissions.score} >= 1)`.as("first_full_at"),
    })
    .from(submissions)
    .leftJoin(studentAccommodations, policyJoins.accommodation)
    .where(and(eq(submissions.assignmentId, assignments.id), isCountedAttempt()))
    .groupBy(submissions.userId)
    .as("cells");
  return db
    .select({
      assignmentId: assignments.id,
      userId: cells.userId,
      attempts: cells.attempts,
      counted: cells.counted,
      lastAt: cells.lastAt,
      firstAt: cells.firstAt,
      firstFullAt: cells.firstFullAt,
    })
    .from(assignments)
    .innerJoin(assessments, policyJoins.assessment)
    .innerJoinLateral(cells, sql`true`)
    .innerJoin(enrolments, and(eq(enrolments.courseId, assignments.courseId), eq(enrolments.userId, cells.userId), eq(enrolments.role, "student")))
    .where(
      isScopeAssignment(scope),
    );
}

/** The counted score, attempts and status of every student of the course on every assignment, in one query. */
export async function getClassMatrix(db: Db, scope: CourseScope): Promise<ClassMatrix> {
  const matrix: ClassMatrix = new Map(scope.assignments.map((assignment) => [assignment.id, new Map()]));
  if (scope.assignments.length === 0 || scope.students.length === 0) return matrix;
  const rows = await classMatrixQuery(db, scope);
  const byId = new Map(scope.assignments.map((assignment) => [assignment.id, assignment]));
  for (const row of rows) {
    const assignment = byId.get(row.assignmentId);
    if (!assignment) continue;
    const score = row.counted === null ? null : Number(row.counted);
    matrix.get(assignment.id)!.set(row.userId, {
      attempts: Number(row.attempts),
      score,
      points: countedPoints(score, assignment.points),
      status: score === 1 ? "solved" : "attempted",
      firstSubmittedAt: toDate(row.firstAt),
      lastSubmittedAt: toDate(row.lastAt),
      firstFullMarksAt: row.firstFullAt === null ? null : toDate(row.firstFullAt),
    });
  }
  return matrix;
}

/** Raw timestamps from a subquery arrive as Date (PGlite) or text (postgres.js). */
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
