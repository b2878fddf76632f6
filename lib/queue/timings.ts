import { and, eq, gte, isNotNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, submissionGradings, submissions } from "../db/schema";

/** Median and 95th percentile of one interval, in milliseconds, over the submissions that have it. */
export interface TimingFigure {
  /** Submissions in the window for which both ends of the interval are recorded. */
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** How long code submissions sent in a window took, stage by stage (see the columns in lib/db/schema/submissions.ts). */
export interface QueueTimings {
  /** Code submissions (Runs and Submits) sent in the window. */
  submissions: number;
  /** Sent → a worker claimed its job. */
  queueWait: TimingFigure;
  /** The grader began → it finished (the latest grading, a regrade's included). */
  grading: TimingFigure;
  /** Sent → its first result was written (graded or error). */
  submitToGraded: TimingFigure;
  /** Sent → its owner's page first showed the final state. */
  submitToSeen: TimingFigure;
}

export interface TimingsWindow {
  /** Submissions sent at or after this moment. */
  since: Date;
  /** Only this course's submissions (previews belong to no course); every one when absent. */
  courseId?: string;
}

export const NO_TIMING: TimingFigure = { count: 0, p50Ms: null, p95Ms: null };

/**
 * Percentiles of each stage of the code submissions sent since `window.since`, in one statement.
 * Quiz answers are left out: they are graded as they are sent and never queue.
 */
export async function getQueueTimings(db: Db, window: TimingsWindow): Promise<QueueTimings> {
  const [row] = await queueTimingsQuery(db, window);
  if (!row) return { submissions: 0, queueWait: NO_TIMING, grading: NO_TIMING, submitToGraded: NO_TIMING, submitToSeen: NO_TIMING };
  const values = row as unknown as Record<string, number | null>;
  const figure = (name: string): TimingFigure => ({ count: values[`${name}Count`] ?? 0, p50Ms: roundMs(values[`${name}P50`]), p95Ms: roundMs(values[`${name}P95`]) });
  return {
    submissions: row.submissions,
    queueWait: figure("queueWait"),
    grading: figure("grading"),
    submitToGraded: figure("submitToGraded"),
    submitToSeen: figure("submitToSeen"),
  };
}

/** The one statement behind getQueueTimings (exported for EXPLAIN in tests). */
export function queueTimingsQuery(db: Db, window: TimingsWindow) {
  // A regrade rewrites graded_at; the first result's time is the oldest archived one, looked up once per submission.
  const firstGraded = db
    .select({ gradedAt: sql<Date | null>`min(${submissionGradings.gradedAt})`.as("first_graded_at") })
    .from(submissionGradings)
    .where(eq(submissionGradings.submissionId, submissions.id))
    .as("first_graded");
  const inWindow = and(isNotNull(submissions.code), gte(submissions.createdAt, window.since));
  const base = db
    .select({
      submissions: sql<number>`count(*)`.mapWith(Number),
      ...figureColumns("queueWait", millisBetween(submissions.claimedAt, submissions.createdAt)),
      ...figureColumns("grading", millisBetween(submissions.gradedAt, submissions.startedAt)),
      ...figureColumns("submitToGraded", millisBetween(sql`coalesce(${firstGraded.gradedAt}, ${submissions.gradedAt})`, submissions.createdAt)),
      ...figureColumns("submitToSeen", millisBetween(submissions.firstSeenAt, submissions.createdAt)),
    })
    .from(submissions)
    .leftJoinLateral(firstGraded, sql`true`);
  return window.courseId
    ? base.innerJoin(assignments, eq(assignments.id, submissions.assignmentId)).where(and(inWindow, eq(assignments.courseId, window.courseId)))
    : base.where(inWindow);
}

/** `later − earlier` in milliseconds as a float; null when either is. */
function millisBetween(later: SQLWrapper, earlier: SQLWrapper): SQL<number | null> {
  return sql<number | null>`(extract(epoch from (${later} - ${earlier})) * 1000)::float8`;
}

/** percentile_cont skips nulls, as count(expr) does: each figure covers the submissions that have both ends. */
function figureColumns<N extends string>(name: N, millis: SQLWrapper) {
  return {
    [`${name}Count`]: sql<number>`count(${millis})`.mapWith(Number),
    [`${name}P50`]: sql<number | null>`percentile_cont(0.5) within group (order by ${millis})`.mapWith(Number),
    [`${name}P95`]: sql<number | null>`percentile_cont(0.95) within group (order by ${millis})`.mapWith(Number),
  } as Record<`${N}Count` | `${N}P50` | `${N}P95`, SQL<number>>;
}

/** Whole milliseconds, never below zero (clocks of two machines may disagree by a little). */
function roundMs(value: number | null | undefined): number | null {
  return value === null || value === undefined || Number.isNaN(value) ? null : Math.max(0, Math.round(value));
}

/** What the class dashboard shows: the course's code submissions of the last hour (a lab session) and of the last seven days. */
export async function getCourseQueueTimings(db: Db, courseId: string, now: Date = new Date()): Promise<{ lastHour: QueueTimings; lastWeek: QueueTimings }> {
  const [lastHour, lastWeek] = await Promise.all([
    getQueueTimings(db, { courseId, since: new Date(now.getTime() - 3_600_000) }),
    getQueueTimings(db, { courseId, since: new Date(now.getTime() - 7 * 86_400_000) }),
  ]);
  return { lastHour, lastWeek };
}
