import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import type { DbOrTx } from "../db/transaction";
import { assessmentStarts, assessments } from "../db/schema";
import { EXAM_DEADLINE_JOB, type ExamDeadlineJob } from "../queue/job-types";
import { sendJob } from "../queue/port";
import { findStudentAccommodation } from "../scoring/student-accommodations";
import { finalizeAssessment } from "./finalize";
import { closingTime, examStateOf } from "./state";

/** Sends the time-up job of a student's timed work, due at `at` (in the caller's transaction). */
export async function scheduleExamDeadline(tx: DbOrTx, job: ExamDeadlineJob, at: Date): Promise<void> {
  await sendJob(tx, EXAM_DEADLINE_JOB, job, { startAfter: at });
}

export type DeadlineOutcome = { kind: "done" } | { kind: "finalized" } | { kind: "rescheduled"; at: Date };

/**
 * The time-up job's work: closes the student's timed work when its time (and the grace) is up by `now`;
 * when the deadline has moved later (more time granted), sends the job again for the new time instead.
 * Nothing to do once the work is finished, untimed or gone.
 */
export async function closeAtDeadline(db: Db, job: ExamDeadlineJob, now: Date): Promise<DeadlineOutcome> {
  const [row] = await db
    .select({ start: assessmentStarts, timeLimitMinutes: assessments.timeLimitMinutes })
    .from(assessmentStarts)
    .innerJoin(assessments, eq(assessments.id, assessmentStarts.assessmentId))
    .where(and(eq(assessmentStarts.assessmentId, job.assessmentId), eq(assessmentStarts.userId, job.userId)))
    .limit(1);
  if (!row || row.start.finishedAt) return { kind: "done" };
  const state = examStateOf(row.timeLimitMinutes, row.start, await findStudentAccommodation(db, job.userId, job.assessmentId), now);
  if (state.status !== "in_progress" || !state.deadline) return { kind: "done" };
  const closesAt = closingTime(state.deadline);
  if (now < closesAt) {
    await scheduleExamDeadline(db, job, closesAt);
    return { kind: "rescheduled", at: closesAt };
  }
  await finalizeAssessment(db, { ...job, reason: "time_up", now });
  return { kind: "finalized" };
}
