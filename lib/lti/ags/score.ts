import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { assessments, assignments, type LtiResourceLink } from "../../db/schema";
import { policyOf } from "../../courses/assessments";
import { applyAccommodation } from "../../scoring/accommodation";
import { getCountedScore } from "../../scoring/counted-score";
import { countedPoints } from "../../scoring/points";
import { scoresReleased } from "../../scoring/release";
import { findStudentAccommodation } from "../../scoring/student-accommodations";
import { getStudentCourseGrade } from "../../progress/course-grades";

/** The AGS progress values the tool sends (1EdTech AGS 2.0, Score service). */
export type ActivityProgress = "Initialized" | "Submitted" | "Completed";
export type GradingProgress = "NotReady" | "FullyGraded";

/** What one student's passback on one line item sends now. */
export type PassbackScore =
  | {
      kind: "score";
      /** Points, to the cent; null: nothing graded (the LMS clears its score). */
      scoreGiven: number | null;
      scoreMaximum: number;
      activityProgress: ActivityProgress;
      gradingProgress: GradingProgress;
    }
  /** The scores are not released to the student yet; `releaseAt`: when they will be by the dates (after_due), else null (staff release). */
  | { kind: "held"; releaseAt: Date | null }
  /** The assessment or exercise is gone. */
  | { kind: "gone" };

type LinkTarget = Pick<LtiResourceLink, "assessmentId" | "assignmentId">;

/**
 * The score a line item gets for a student at `now`: an assessment's link sends the assessment total in
 * points as the gradebook counts it (staff's assessment score included), an exercise's link the exercise's
 * counted points; scoreMaximum is its points. Held back while the scores are not released to the student.
 * A score is only sent once graded, so gradingProgress is FullyGraded (Canvas ignores a score otherwise);
 * activityProgress is Completed once every exercise counts a graded Submit, Submitted before.
 */
export async function passbackScore(db: Db, link: LinkTarget, userId: string, now: Date): Promise<PassbackScore> {
  const assessmentId = link.assessmentId ?? (await assessmentOf(db, link.assignmentId));
  if (!assessmentId) return { kind: "gone" };
  const [assessment] = await db.select().from(assessments).where(eq(assessments.id, assessmentId));
  if (!assessment) return { kind: "gone" };

  const grant = await findStudentAccommodation(db, userId, assessment.id);
  const dueAt = applyAccommodation(policyOf(assessment), grant).dueAt;
  const rules = { releasePolicy: assessment.releasePolicy, releasedAt: assessment.releasedAt, dueAt };
  if (!scoresReleased(rules, now)) return { kind: "held", releaseAt: assessment.releasePolicy === "after_due" ? dueAt : null };

  if (link.assignmentId) {
    const [item] = await db.select({ points: assignments.points }).from(assignments).where(eq(assignments.id, link.assignmentId));
    if (!item) return { kind: "gone" };
    const score = await getCountedScore(db, { userId, assignmentId: link.assignmentId });
    return graded(countedPoints(score, item.points), item.points, score !== null);
  }

  const { structure, scores, grade } = await getStudentCourseGrade(db, { id: assessment.courseId }, userId, now);
  const total = grade.assessments.find((entry) => entry.assessmentId === assessment.id);
  const items = structure.assessments.find((entry) => entry.id === assessment.id)?.items ?? [];
  if (!total) return { kind: "gone" };
  const gradedItems = items.filter((item) => (scores.get(item.assignmentId) ?? null) !== null).length;
  if (!total.overridden && gradedItems === 0) return graded(null, total.possible, false);
  return graded(total.earned, total.possible, total.overridden || gradedItems === items.length);
}

function graded(points: number | null, maximum: number, complete: boolean): PassbackScore {
  if (points === null) return { kind: "score", scoreGiven: null, scoreMaximum: maximum, activityProgress: "Initialized", gradingProgress: "NotReady" };
  return { kind: "score", scoreGiven: points, scoreMaximum: maximum, activityProgress: complete ? "Completed" : "Submitted", gradingProgress: "FullyGraded" };
}

async function assessmentOf(db: Db, assignmentId: string | null): Promise<string | null> {
  if (!assignmentId) return null;
  const [row] = await db.select({ assessmentId: assignments.assessmentId }).from(assignments).where(eq(assignments.id, assignmentId));
  return row?.assessmentId ?? null;
}
