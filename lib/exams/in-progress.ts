import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { assessments, assessmentStarts, studentAccommodations } from "../db/schema";
import { toAccommodation } from "../scoring/student-accommodations";
import { examDeadline } from "./clock";

/** One assessment a student is taking right now. */
export interface TimedWorkInProgress {
  assessmentId: string;
  courseId: string;
  startedAt: Date;
  deadline: Date;
}

/**
 * The timed assessments the student is taking at `now`: started, not finished, and before their deadline
 * (the time limit with the student's multiplier as it is now, never past their window's close). A start past its deadline that the server
 * has not closed yet is no longer in progress.
 */
export async function listTimedWorkInProgress(db: DbOrTx, userId: string, now = new Date()): Promise<TimedWorkInProgress[]> {
  const rows = await db
    .select({
      assessmentId: assessmentStarts.assessmentId,
      courseId: assessments.courseId,
      startedAt: assessmentStarts.startedAt,
      timeLimitMinutes: assessments.timeLimitMinutes,
      dueAt: assessments.dueAt,
      latePolicy: assessments.latePolicy,
      lateCutoffAt: assessments.lateCutoffAt,
      grantDueAt: studentAccommodations.dueAt,
      waiveLatePenalty: studentAccommodations.waiveLatePenalty,
      timeMultiplier: studentAccommodations.timeMultiplier,
    })
    .from(assessmentStarts)
    .innerJoin(assessments, eq(assessments.id, assessmentStarts.assessmentId))
    .leftJoin(
      studentAccommodations,
      and(eq(studentAccommodations.assessmentId, assessmentStarts.assessmentId), eq(studentAccommodations.userId, assessmentStarts.userId)),
    )
    .where(and(eq(assessmentStarts.userId, userId), isNull(assessmentStarts.finishedAt), isNotNull(assessments.timeLimitMinutes)));
  const open: TimedWorkInProgress[] = [];
  for (const row of rows) {
    const startedAt = new Date(row.startedAt);
    const grant = toAccommodation({ dueAt: row.grantDueAt, extraAttempts: 0, waiveLatePenalty: row.waiveLatePenalty ?? false, timeMultiplier: row.timeMultiplier });
    const deadline = examDeadline(startedAt, row.timeLimitMinutes, grant, row);
    if (deadline && deadline.getTime() > now.getTime()) open.push({ assessmentId: row.assessmentId, courseId: row.courseId, startedAt, deadline });
  }
  return open;
}

/** Whether the student is taking any timed assessment at `now`. */
export async function hasTimedWorkInProgress(db: DbOrTx, userId: string, now = new Date()): Promise<boolean> {
  return (await listTimedWorkInProgress(db, userId, now)).length > 0;
}

/** Whether the student is taking this timed assessment at `now`. */
export async function isTimedWorkInProgress(db: DbOrTx, userId: string, assessmentId: string, now = new Date()): Promise<boolean> {
  return (await listTimedWorkInProgress(db, userId, now)).some((work) => work.assessmentId === assessmentId);
}
