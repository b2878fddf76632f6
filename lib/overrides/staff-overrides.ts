import { and, eq, sum } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, submissions } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { AppError } from "../errors";
import { formatPoints } from "../scoring/course-grade-explanation";
import { overrideAssessmentScore } from "./override-assessment";
import { overrideSubmissionScore } from "./override-submission";

/** What a staff form asks: set a score (in percent or in points), remove the override, or only comment. */
export type ScoreEntry = { kind: "set"; value: number; unit: "percent" | "points" } | { kind: "remove" } | { kind: "comment" };

/** The longest comment staff may leave on a score. */
export const MAX_OVERRIDE_COMMENT = 2000;

interface Common {
  courseId: string;
  entry: ScoreEntry;
  comment: string;
  actorId: string;
}

/** The staff form on a Submit: its score set (points of its exercise or percent), removed, or commented on; audited. */
export async function adjustSubmissionScore(db: Db, request: Common & { submissionId: string }): Promise<{ message: string }> {
  return db.transaction(async (tx) => {
    const possible = await submissionPoints(tx, request.courseId, request.submissionId);
    const score = toFraction(request, possible);
    const result = await overrideSubmissionScore(tx, { courseId: request.courseId, submissionId: request.submissionId, score, comment: request.comment.trim(), actorId: request.actorId });
    return { message: describeResult(request.entry, result, possible) };
  });
}

/** The staff form on an assessment: the student's score on all of it set (points or percent), removed, or commented on; audited. */
export async function setAssessmentScore(db: Db, request: Common & { assessmentId: string; userId: string }): Promise<{ message: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ possible: sum(assignments.points).mapWith(Number) })
      .from(assignments)
      .where(and(eq(assignments.assessmentId, request.assessmentId), eq(assignments.courseId, request.courseId)));
    const possible = row?.possible ?? 0;
    const score = toFraction(request, possible);
    const result = await overrideAssessmentScore(tx, {
      courseId: request.courseId,
      assessmentId: request.assessmentId,
      userId: request.userId,
      score,
      comment: request.comment.trim(),
      actorId: request.actorId,
    });
    return { message: describeResult(request.entry, result, possible) };
  });
}

async function submissionPoints(tx: Transaction, courseId: string, submissionId: string): Promise<number> {
  const [row] = await tx
    .select({ points: assignments.points })
    .from(submissions)
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .where(and(eq(submissions.id, submissionId), eq(assignments.courseId, courseId)));
  if (!row) throw new AppError("NOT_FOUND", "No such submission in this course.");
  return row.points;
}

/** The entry as a fraction 0..1 (null: remove; undefined: comment alone); out of range is refused in the unit typed. */
export function toFraction({ entry, comment }: { entry: ScoreEntry; comment: string }, possible: number): number | null | undefined {
  if (comment.trim().length > MAX_OVERRIDE_COMMENT) throw new AppError("INVALID_INPUT", `The comment may be at most ${MAX_OVERRIDE_COMMENT} characters.`);
  if (entry.kind === "remove") return null;
  if (entry.kind === "comment") {
    if (comment.trim() === "") throw new AppError("INVALID_INPUT", "Write the comment to save.");
    return undefined;
  }
  if (entry.unit === "percent") {
    if (!(entry.value >= 0 && entry.value <= 100)) throw new AppError("INVALID_INPUT", "The score must be from 0 to 100 %.");
    return entry.value / 100;
  }
  if (possible <= 0) throw new AppError("INVALID_INPUT", "This is worth no points: give the score in percent.");
  if (!(entry.value >= 0 && entry.value <= possible)) throw new AppError("INVALID_INPUT", `The score must be from 0 to ${formatPoints(possible)} points.`);
  return entry.value / possible;
}

const percentOf = (score: number | null) => (score === null ? "none" : `${formatPoints(score * 100)} %`);

function describeResult(entry: ScoreEntry, result: { previousScore: number | null; newScore: number | null }, possible: number): string {
  const change = `${percentOf(result.previousScore)} → ${percentOf(result.newScore)}`;
  if (entry.kind === "comment") return "Comment saved.";
  if (entry.kind === "remove") return `Override removed: ${change}.`;
  const points = result.newScore === null ? "" : ` (${formatPoints(result.newScore * possible)} of ${formatPoints(possible)} points)`;
  return `Score set: ${change}${points}.`;
}
