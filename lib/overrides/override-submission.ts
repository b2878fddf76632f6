import { and, eq } from "drizzle-orm";
import { assignments, scoreOverrideAudit, submissions } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { AppError } from "../errors";
import { attemptScore } from "../scoring/attempt-score";
import { writeOverrideScore } from "../submissions/lifecycle";

export interface SubmissionOverride {
  courseId: string;
  submissionId: string;
  /** Fraction 0..1; null removes the override (the grader's score counts again); undefined keeps it (a comment alone). */
  score: number | null | undefined;
  comment: string;
  actorId: string;
}

/**
 * Staff set a Submit's score by hand, remove their override, or comment on it: under a row lock, in
 * one transaction with its audit row (old → new as the student saw it) and the counted-score report.
 * Only a Submit of an assignment of `courseId` may be overridden (NOT_FOUND otherwise, so that a
 * submission of another course is indistinguishable from none). Runs in the caller's transaction
 * (`db.transaction(tx => overrideSubmissionScore(tx, …))`, or a regrade request's resolution).
 */
export async function overrideSubmissionScore(tx: Transaction, change: SubmissionOverride): Promise<{ previousScore: number | null; newScore: number | null }> {
  if (change.score != null && !(change.score >= 0 && change.score <= 1)) throw new AppError("INVALID_INPUT", "The score must be from 0 to 1.");
  {
    const [current] = await tx
      .select({ submission: submissions })
      .from(submissions)
      .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
      .where(and(eq(submissions.id, change.submissionId), eq(assignments.courseId, change.courseId), eq(submissions.mode, "submit")))
      .for("update", { of: submissions });
    if (!current) throw new AppError("NOT_FOUND", "No such submission in this course.");
    const row = current.submission;
    const previousScore = attemptScore(row);
    const overrideScore = change.score === undefined ? row.overrideScore : change.score;
    if (overrideScore !== row.overrideScore) await writeOverrideScore(tx, row, overrideScore);
    const newScore = attemptScore({ score: row.score, overrideScore });
    await tx.insert(scoreOverrideAudit).values({
      courseId: change.courseId,
      userId: row.userId,
      submissionId: row.id,
      previousScore,
      newScore,
      comment: change.comment,
      actorId: change.actorId,
    });
    return { previousScore, newScore };
  }
}
