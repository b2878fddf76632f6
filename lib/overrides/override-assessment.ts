import { and, asc, eq } from "drizzle-orm";
import { assessmentScoreOverrides, assessments, assignments, enrolments, scoreOverrideAudit } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { AppError } from "../errors";
import { getCountedScore } from "../scoring/counted-score";
import { countedPoints } from "../scoring/points";
import { scoreChanged } from "../scoring/score-changed";

export interface AssessmentOverride {
  courseId: string;
  assessmentId: string;
  /** The student whose assessment score it is. */
  userId: string;
  /** Fraction 0..1 of the assessment's points; null removes the override; undefined keeps it (a comment alone). */
  score: number | null | undefined;
  comment: string;
  actorId: string;
}

/**
 * Staff set a student's score on a whole assessment, remove it, or comment on it: under a row lock, in one
 * transaction with its audit row (old → new as the student saw it: the override, else the sum of the
 * exercises' counted points over their points). A changed score is reported to scoreChanged (cause
 * "override") for each exercise of the assessment with equal fractions, like a change of points: what
 * the exercises count for changed, not their scores. NOT_FOUND for an assessment of another course or a
 * user who is not a student of the course.
 */
export async function overrideAssessmentScore(tx: Transaction, change: AssessmentOverride): Promise<{ previousScore: number | null; newScore: number | null }> {
  if (change.score != null && !(change.score >= 0 && change.score <= 1)) throw new AppError("INVALID_INPUT", "The score must be from 0 to 1.");
  const [target] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(enrolments, and(eq(enrolments.courseId, assessments.courseId), eq(enrolments.userId, change.userId), eq(enrolments.role, "student")))
    .where(and(eq(assessments.id, change.assessmentId), eq(assessments.courseId, change.courseId)))
    .for("update", { of: assessments });
  if (!target) throw new AppError("NOT_FOUND", "No such assessment or student in this course.");
  const [current] = await tx
    .select()
    .from(assessmentScoreOverrides)
    .where(and(eq(assessmentScoreOverrides.assessmentId, change.assessmentId), eq(assessmentScoreOverrides.userId, change.userId)))
    .for("update");
  const items = await tx.select({ id: assignments.id, points: assignments.points }).from(assignments).where(eq(assignments.assessmentId, change.assessmentId)).orderBy(asc(assignments.position));
  const counted = new Map<string, number | null>();
  for (const item of items) counted.set(item.id, await getCountedScore(tx, { userId: change.userId, assignmentId: item.id }));
  const computed = computedShare(items, counted);
  const previousScore = current ? current.score : computed;
  const nextOverride = change.score === undefined ? (current?.score ?? null) : change.score;
  const newScore = nextOverride ?? computed;
  const key = { assessmentId: change.assessmentId, userId: change.userId };
  if (nextOverride === null) {
    if (current) await tx.delete(assessmentScoreOverrides).where(and(eq(assessmentScoreOverrides.assessmentId, key.assessmentId), eq(assessmentScoreOverrides.userId, key.userId)));
  } else if (!current || current.score !== nextOverride || (change.comment !== "" && change.comment !== current.comment)) {
    const values = { score: nextOverride, comment: change.comment === "" && current ? current.comment : change.comment, setBy: change.actorId, setAt: new Date() };
    await tx
      .insert(assessmentScoreOverrides)
      .values({ ...key, ...values })
      .onConflictDoUpdate({ target: [assessmentScoreOverrides.assessmentId, assessmentScoreOverrides.userId], set: values });
  }
  await tx.insert(scoreOverrideAudit).values({
    courseId: change.courseId,
    userId: change.userId,
    assessmentId: change.assessmentId,
    previousScore,
    newScore,
    comment: change.comment,
    actorId: change.actorId,
  });
  if ((current?.score ?? null) !== nextOverride) {
    for (const item of items) {
      const score = counted.get(item.id) ?? null;
      await scoreChanged(tx, { userId: change.userId, assignmentId: item.id, cause: "override", previous: score, current: score });
    }
  }
  return { previousScore, newScore };
}

/** Σ counted points / Σ points of an assessment's exercises; null while none is graded (or it is worth nothing). */
export function computedShare(items: ReadonlyArray<{ id: string; points: number }>, counted: ReadonlyMap<string, number | null>): number | null {
  let earned = 0;
  let possible = 0;
  let graded = false;
  for (const item of items) {
    const score = counted.get(item.id) ?? null;
    if (score !== null) graded = true;
    earned += countedPoints(score, item.points) ?? 0;
    possible += item.points;
  }
  return graded && possible > 0 ? earned / possible : null;
}
