import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, enrolments, submissions } from "../db/schema";
import { isScopeAssignment, type CourseScope } from "./scope";
import { isCountedAttempt } from "../scoring/counted-score-sql";

export interface DailyCount {
  /** YYYY-MM-DD in the course's time zone. */
  day: string;
  /** Submit-mode attempts by the course's students that day, per assignment id. */
  byAssignment: Record<string, number>;
  total: number;
}

/** Students' submit-mode attempts per day (in the course's time zone), per assignment, days without any left out. */
export async function getSubmissionsOverTime(db: Db, scope: CourseScope): Promise<DailyCount[]> {
  if (scope.assignments.length === 0) return [];
  const rows = await submissionsOverTimeQuery(db, scope);
  const days = new Map<string, DailyCount>();
  for (const row of rows) {
    const entry = days.get(row.day) ?? { day: row.day, byAssignment: {}, total: 0 };
    entry.byAssignment[row.assignmentId] = Number(row.count);
    entry.total += Number(row.count);
    days.set(row.day, entry);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Per assignment (one lateral subquery each, over submissions_assignment_user_idx) and day. */
export function submissionsOverTimeQuery(db: Db, scope: CourseScope) {
  const days = db
    .select({
      day: sql<string>`to_char(${submissions.createdAt} at time zone ${scope.course.timeZone}, 'YYYY-MM-DD')`.as("day"),
      count: sql<number>`count(*)::int`.as("day_count"),
    })
    .from(submissions)
    .innerJoin(enrolments, and(eq(enrolments.courseId, assignments.courseId), eq(enrolments.userId, submissions.userId), eq(enrolments.role, "student")))
    .where(and(eq(submissions.assignmentId, assignments.id), isCountedAttempt()))
    // By position: the time zone is a bound parameter, and a second copy of it would not match the first.
    .groupBy(sql`1`)
    .as("days");
  return db
    .select({ assignmentId: assignments.id, day: days.day, count: days.count })
    .from(assignments)
    .innerJoinLateral(days, sql`true`)
    .where(
      isScopeAssignment(scope),
    );
}
