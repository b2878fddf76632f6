import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, enrolments, submissions } from "../db/schema";
import { countingScore, type GradedAttempt } from "../courses/deadlines";
import { isScopeAssignment, type CourseScope } from "./scope";

export type CellStatus = "not_started" | "attempted" | "solved";

/** One student's standing on one assignment (submit-mode attempts only). */
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

const createdMs = sql`date_trunc('milliseconds', ${submissions.createdAt})`;
/**
 * Attempts in the same bucket keep the same share of their score under any late policy (0: on time,
 * k > 0: k started days late, -1: after the cut-off), so the best one per bucket is all countingScore needs.
 */
const lateBucket = sql<number>`case
  when ${assignments.dueAt} is null or ${createdMs} <= ${assignments.dueAt} then 0
  when ${assignments.lateCutoffAt} is not null and ${createdMs} > ${assignments.lateCutoffAt} then -1
  else ceil(extract(epoch from ${createdMs} - ${assignments.dueAt}) / 86400)::int end`;

/**
 * Per student, assignment and late bucket: attempts, best score and times (students of the course, submit
 * mode). The lateral subquery reads one assignment at a time through submissions_assignment_user_idx, so
 * the cost follows the course's size, not the table's.
 */
export function classMatrixQuery(db: Db, scope: CourseScope) {
  const cells = db
    .select({
      userId: sql<string>`${submissions.userId}`.as("cell_user_id"),
      bucket: lateBucket.as("bucket"),
      attempts: sql<number>`count(*)::int`.as("attempts"),
      bestScore: sql<number | null>`max(${submissions.score})`.as("best_score"),
      lastAt: sql<Date | string>`max(${submissions.createdAt})`.as("last_at"),
      firstAt: sql<Date | string>`min(${submissions.createdAt})`.as("first_at"),
      firstFullAt: sql<Date | string | null>`min(${submissions.createdAt}) filter (where ${submissions.score} >= 1)`.as("first_full_at"),
    })
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignments.id), eq(submissions.mode, "submit")))
    .groupBy(submissions.userId, sql`2`)
    .as("cells");
  return db
    .select({
      assignmentId: assignments.id,
      userId: cells.userId,
      attempts: cells.attempts,
      bestScore: cells.bestScore,
      lastAt: cells.lastAt,
      firstAt: cells.firstAt,
      firstFullAt: cells.firstFullAt,
    })
    .from(assignments)
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
  const buckets = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.assignmentId}:${row.userId}`;
    buckets.set(key, [...(buckets.get(key) ?? []), row]);
  }
  const byId = new Map(scope.assignments.map((assignment) => [assignment.id, assignment]));
  for (const group of buckets.values()) {
    const first = group[0]!;
    const assignment = byId.get(first.assignmentId!);
    if (!assignment) continue;
    const attempts: GradedAttempt[] = group.map((row) => ({ submittedAt: toDate(row.lastAt), score: row.bestScore === null ? null : Number(row.bestScore) }));
    const score = countingScore(assignment.policy, attempts);
    const fullTimes = group.flatMap((row) => (row.firstFullAt === null ? [] : [toDate(row.firstFullAt)]));
    matrix.get(assignment.id)!.set(first.userId, {
      attempts: group.reduce((sum, row) => sum + Number(row.attempts), 0),
      score,
      points: score === null ? null : round2(score * assignment.points),
      status: score === 1 ? "solved" : "attempted",
      firstSubmittedAt: new Date(Math.min(...group.map((row) => toDate(row.firstAt).getTime()))),
      lastSubmittedAt: new Date(Math.max(...group.map((row) => toDate(row.lastAt).getTime()))),
      firstFullMarksAt: fullTimes.length === 0 ? null : new Date(Math.min(...fullTimes.map((at) => at.getTime()))),
    });
  }
  return matrix;
}

/** Raw timestamps from a subquery arrive as Date (PGlite) or text (postgres.js). */
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

export const round2 = (x: number) => Math.round(x * 100) / 100;
