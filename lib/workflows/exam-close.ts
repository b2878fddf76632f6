import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { assessmentStarts, assessments } from "../db/schema";
import { getExamState, type ExamStateInput } from "../exams/attempts";
import { scheduleExamDeadline } from "../exams/deadline-job";
import { closingTime, examStateOf, isExamClosed, type ExamState } from "../exams/state";
import type { ExamDeadlineJob } from "../queue/job-types";
import { findStudentAccommodation } from "../scoring/student-accommodations";
import { finalizeAssessment } from "./finalize-exam";

/**
 * The student's state, with work found past its deadline (and the grace) closed on the spot, newer drafts
 * submitted, whether or not the time-up job has run yet: what pages and the exam route read.
 */
export async function getExamStateClosingIfDue(db: Db, input: ExamStateInput): Promise<ExamState> {
  const state = await getExamState(db, input);
  if (state.status !== "in_progress" || !isExamClosed(state, input.now)) return state;
  await finalizeAssessment(db, { assessmentId: input.assessment.id, userId: input.userId, reason: "time_up", now: input.now });
  return getExamState(db, input);
}

/** The student ends their timed work early: newer drafts are submitted and nothing more is taken. */
export async function finishAssessment(db: Db, input: ExamStateInput): Promise<ExamState> {
  const state = await getExamStateClosingIfDue(db, input);
  if (state.status === "in_progress") await finalizeAssessment(db, { assessmentId: input.assessment.id, userId: input.userId, reason: "finished", now: input.now });
  return getExamState(db, input);
}

/**
 * The page at zero asks the server to close the work: done when the deadline has passed by the server's
 * clock (a page whose clock runs early gets the state back and asks again).
 */
export async function closeAtTimeUp(db: Db, input: ExamStateInput): Promise<ExamState> {
  const state = await getExamStateClosingIfDue(db, input);
  if (state.status === "in_progress" && state.deadline && input.now >= state.deadline) {
    await finalizeAssessment(db, { assessmentId: input.assessment.id, userId: input.userId, reason: "time_up", now: input.now });
    return getExamState(db, input);
  }
  return state;
}

/** How soon the time-up job looks again when a grading in flight kept it from submitting the last draft. */
export const WAIT_FOR_GRADING_MS = 5_000;

export type DeadlineOutcome = { kind: "done" } | { kind: "finalized" } | { kind: "rescheduled"; at: Date };

/**
 * The time-up job's work: closes the student's timed work when its time (and the grace) is up by `now`;
 * when the deadline has moved later (more time granted), sends the job again for the new time instead.
 * Nothing to do once the work is finished, untimed or gone.
 */
export async function closeAtDeadline(db: Db, job: ExamDeadlineJob, now: Date): Promise<DeadlineOutcome> {
  const [row] = await db
    .select({ start: assessmentStarts, assessment: assessments })
    .from(assessmentStarts)
    .innerJoin(assessments, eq(assessments.id, assessmentStarts.assessmentId))
    .where(and(eq(assessmentStarts.assessmentId, job.assessmentId), eq(assessmentStarts.userId, job.userId)))
    .limit(1);
  if (!row || row.start.finishedAt) return { kind: "done" };
  const state = examStateOf(row.assessment.timeLimitMinutes, row.start, await findStudentAccommodation(db, job.userId, job.assessmentId), now, row.assessment);
  if (state.status !== "in_progress" || !state.deadline) return { kind: "done" };
  const closesAt = closingTime(state.deadline);
  if (now < closesAt) {
    await scheduleExamDeadline(db, job, closesAt);
    return { kind: "rescheduled", at: closesAt };
  }
  const outcome = await finalizeAssessment(db, { ...job, reason: "time_up", now });
  if (outcome.waiting) {
    // A grading of one of its exercises is still in flight: the last draft goes in once it is done.
    const again = new Date(now.getTime() + WAIT_FOR_GRADING_MS);
    await scheduleExamDeadline(db, job, again);
    return { kind: "rescheduled", at: again };
  }
  return { kind: "finalized" };
}
