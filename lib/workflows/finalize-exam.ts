import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../db";
import type { Transaction } from "../db/transaction";
import { assessments, assignments, drafts, exercises, submissions, type Assessment } from "../db/schema";
import { getStudentPolicy } from "../courses/student-policy";
import { EXERCISE_KINDS } from "../exercises/kinds";
import { quizSeed } from "../exercises/quiz";
import { enqueueGrading } from "../queue/enqueue";
import { isCountedAttempt } from "../scoring/counted-score-sql";
import { insertQueuedSubmission, isUniqueViolation } from "../submissions/lifecycle";
import { lockUnfinishedStart, markStartFinished } from "../exams/attempts";
import { logExamEvent } from "../exams/events";
import { examDeadline } from "../exams/clock";
import { findStudentAccommodation } from "../scoring/student-accommodations";
import type { FinishReason } from "../exams/state";

export interface FinalizeInput {
  assessmentId: string;
  userId: string;
  reason: FinishReason;
  now: Date;
}

export interface FinalizeOutcome {
  /** False when the work was already finished (or never started), or is waiting on a grading in flight: see `waiting`. */
  finalized: boolean;
  /**
   * A newer draft could not be submitted because a grading of that exercise (a Run or Submit sent just
   * before) is still in flight: the work stays open (past its deadline nothing else is taken) and the
   * caller tries again in a few seconds, so that the last edits are never dropped.
   */
  waiting: boolean;
  /** The Submits made from drafts newer than the student's last Submit. */
  submissionIds: string[];
}

/**
 * Ends a student's timed work once (a workflow across lib/exams and lib/submissions): under a lock on their start, each code exercise whose draft is newer
 * than their last Submit (and differs from it) becomes a Submit while attempts remain, then the start is
 * marked finished. A second call, concurrent or later, finds it finished and does nothing.
 */
export async function finalizeAssessment(db: Db, input: FinalizeInput): Promise<FinalizeOutcome> {
  return db.transaction(async (tx) => {
    const start = await lockUnfinishedStart(tx, input.assessmentId, input.userId);
    if (!start) return { finalized: false, waiting: false, submissionIds: [] };
    const [assessment] = await tx.select().from(assessments).where(eq(assessments.id, input.assessmentId));
    if (!assessment) return { finalized: false, waiting: false, submissionIds: [] };

    const grant = await findStudentAccommodation(tx, input.userId, assessment.id);
    const deadline = examDeadline(start.startedAt, assessment.timeLimitMinutes, grant, assessment);
    // Made at the deadline at the latest: work closed by the job or a later read is not late for it.
    const submittedAt = deadline && deadline < input.now ? deadline : input.now;
    const { submissionIds, waiting } = await submitNewerDrafts(tx, assessment, start.startedAt, { ...input, now: submittedAt });
    if (waiting) return { finalized: false, waiting: true, submissionIds };
    await markStartFinished(tx, input.assessmentId, input.userId, input.reason, input.now);
    return { finalized: true, waiting: false, submissionIds };
  });
}

async function submitNewerDrafts(tx: Transaction, assessment: Assessment, startedAt: Date, input: FinalizeInput): Promise<{ submissionIds: string[]; waiting: boolean }> {
  const items = await tx
    .select({ assignment: assignments, kind: exercises.kind, currentVersion: exercises.currentVersion })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(eq(assignments.assessmentId, assessment.id))
    .orderBy(assignments.position);
  const policy = await getStudentPolicy(tx, assessment, input.userId);
  const made: string[] = [];
  let waiting = false;
  for (const { assignment, kind, currentVersion } of items) {
    if (!EXERCISE_KINDS[kind].keepsDrafts) continue;
    const [draft] = await tx
      .select({ code: drafts.code, updatedAt: drafts.updatedAt })
      .from(drafts)
      .where(and(eq(drafts.userId, input.userId), eq(drafts.exerciseId, assignment.exerciseId)));
    // Drafts are per exercise: one saved before the start (for other work with the same exercise) is not exam work.
    if (!draft || draft.updatedAt < startedAt) continue;
    const own = and(eq(submissions.userId, input.userId), eq(submissions.assignmentId, assignment.id), isCountedAttempt());
    const [last] = await tx.select({ code: submissions.code, createdAt: submissions.createdAt }).from(submissions).where(own).orderBy(desc(submissions.createdAt)).limit(1);
    if (last && (last.createdAt >= draft.updatedAt || last.code === draft.code)) continue;
    const [used] = await tx.select({ n: count() }).from(submissions).where(own);
    if (policy.attemptLimit !== null && Number(used?.n ?? 0) >= policy.attemptLimit) continue;
    const detail = { exerciseId: assignment.exerciseId };
    try {
      // On a transaction it runs in a savepoint: a grading in flight for this exercise refuses the insert, not the finalize.
      const row = await insertQueuedSubmission(
          tx,
          {
            userId: input.userId,
            assignmentId: assignment.id,
            exerciseId: assignment.exerciseId,
            exerciseVersion: assignment.exerciseVersion ?? currentVersion,
            variantSeed: quizSeed(input.userId, assignment.exerciseId) | 0,
            createdAt: input.now,
            mode: "submit",
            code: draft.code,
          },
          enqueueGrading,
      );
      made.push(row.id);
      await logExamEvent(tx, { assessmentId: assessment.id, userId: input.userId, kind: "auto_submit", detail: { ...detail, submissionId: row.id }, at: input.now });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      waiting = true;
    }
  }
  return { submissionIds: made, waiting };
}
