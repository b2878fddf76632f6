import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, submissions } from "../db/schema";

export interface CourseGradingQueue {
  /** Submissions to the course's assignments waiting for a grader. */
  queued: number;
  /** Being graded now. */
  running: number;
}

/** What the course's students are waiting for from the graders (previews belong to no assignment and are left out). */
export async function getCourseGradingQueue(db: Db, courseId: string): Promise<CourseGradingQueue> {
  const rows = await db
    .select({ status: submissions.status, n: count() })
    .from(submissions)
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .where(and(eq(assignments.courseId, courseId), inArray(submissions.status, ["queued", "running"])))
    .groupBy(submissions.status);
  const of = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { queued: of("queued"), running: of("running") };
}
