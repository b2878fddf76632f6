import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db";
import { assessments, assignments, exercises, regradeRequests, submissions, users } from "../db/schema";
import { attemptScore } from "../scoring/attempt-score";
import { QUEUE_PAGE_SIZE, type QueueFilters } from "./rules";

/** One request as the staff queue lists it. */
export interface QueueEntry {
  id: string;
  status: "open" | "resolved";
  createdAt: Date;
  resolvedAt: Date | null;
  message: string;
  student: { id: string; name: string; email: string };
  assessment: { id: string; title: string };
  exercise: { id: string; title: string };
  /** The Submit's score as it counts now (staff's override first). */
  score: number | null;
  previousScore: number | null;
  newScore: number | null;
  resolverName: string | null;
}

const resolver = alias(users, "resolver");

/**
 * A course's regrade requests for its staff, narrowed by `filters`: open ones first, oldest first
 * within each (the longest wait at the top). At most QUEUE_PAGE_SIZE; `total` says how many matched.
 */
export async function listRegradeQueue(db: Db, courseId: string, filters: QueueFilters): Promise<{ entries: QueueEntry[]; total: number }> {
  const where = and(eq(regradeRequests.courseId, courseId), ...conditionsOf(filters));
  const base = db
    .select({
      request: regradeRequests,
      student: { id: users.id, name: users.name, email: users.email },
      assessment: { id: assessments.id, title: assessments.title },
      exercise: { id: exercises.id, title: exercises.title },
      score: submissions.score,
      overrideScore: submissions.overrideScore,
      resolverName: resolver.name,
    })
    .from(regradeRequests)
    .innerJoin(users, eq(users.id, regradeRequests.userId))
    .innerJoin(assignments, eq(assignments.id, regradeRequests.assignmentId))
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .innerJoin(submissions, eq(submissions.id, regradeRequests.submissionId))
    .leftJoin(resolver, eq(resolver.id, regradeRequests.resolvedBy));
  const [rows, [counted]] = await Promise.all([
    base
      .where(where)
      .orderBy(sql`case when ${regradeRequests.status} = 'open' then 0 else 1 end`, asc(regradeRequests.createdAt), asc(regradeRequests.id))
      .limit(QUEUE_PAGE_SIZE),
    db
      .select({ n: count() })
      .from(regradeRequests)
      .innerJoin(users, eq(users.id, regradeRequests.userId))
      .innerJoin(assignments, eq(assignments.id, regradeRequests.assignmentId))
      .where(where),
  ]);
  const entries = rows.map((row) => ({
    id: row.request.id,
    status: row.request.status,
    createdAt: row.request.createdAt,
    resolvedAt: row.request.resolvedAt,
    message: row.request.message,
    student: row.student,
    assessment: row.assessment,
    exercise: row.exercise,
    score: attemptScore(row),
    previousScore: row.request.previousScore,
    newScore: row.request.newScore,
    resolverName: row.resolverName,
  }));
  return { entries, total: Number(counted?.n ?? 0) };
}

/** Open requests of a course: the count beside the instructor area's link. */
export async function countOpenRegradeRequests(db: Db, courseId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(regradeRequests)
    .where(and(eq(regradeRequests.courseId, courseId), eq(regradeRequests.status, "open")));
  return Number(row?.n ?? 0);
}

/** The assessments and exercises that have requests in the course: the queue's filter choices. */
export async function listQueueFilterChoices(db: Db, courseId: string) {
  const rows = await db
    .selectDistinct({ assessmentId: assessments.id, assessmentTitle: assessments.title, position: assessments.position, exerciseId: exercises.id, exerciseTitle: exercises.title })
    .from(regradeRequests)
    .innerJoin(assignments, eq(assignments.id, regradeRequests.assignmentId))
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(eq(regradeRequests.courseId, courseId))
    .orderBy(asc(assessments.position), asc(assessments.title), asc(exercises.title));
  const assessmentChoices = new Map<string, string>();
  const exerciseChoices = new Map<string, string>();
  for (const row of rows) {
    assessmentChoices.set(row.assessmentId, row.assessmentTitle);
    exerciseChoices.set(row.exerciseId, row.exerciseTitle);
  }
  return {
    assessments: [...assessmentChoices].map(([id, title]) => ({ id, title })),
    exercises: [...exerciseChoices].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)),
  };
}

function conditionsOf(filters: QueueFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== "all") conditions.push(eq(regradeRequests.status, filters.status));
  if (filters.assessment) conditions.push(eq(assignments.assessmentId, filters.assessment));
  if (filters.exercise) conditions.push(eq(assignments.exerciseId, filters.exercise));
  if (filters.student) {
    const pattern = `%${filters.student.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  return conditions;
}
