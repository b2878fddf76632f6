import "server-only";
import type { Db } from "../db";
import type { Assessment } from "../db/schema";
import { can } from "../auth/permissions";
import type { CourseMembership } from "../courses/courses";
import { getCourseAssessment } from "../courses/assessments";
import { examStateJson, type ExamState, type ExamStateJson } from "../exams/state";
import { getExamStateClosingIfDue } from "./exam-close";

export interface TimedWorkView {
  assessment: Pick<Assessment, "id" | "timeLimitMinutes" | "allowRun">;
  /** The assessment asks for an access code (the code itself never leaves the server). */
  needsCode: boolean;
  state: ExamState;
  json: ExamStateJson;
}

/**
 * What a page shows of a student's timed work on an assessment (null for staff and for untimed work),
 * with the assessment's Run rule. Reading it closes work found past its deadline.
 */
export async function findTimedWorkView(db: Db, membership: CourseMembership, assessmentId: string, userId: string, now: Date): Promise<TimedWorkView | null> {
  if (!can(membership, "submit-as-student")) return null;
  return timedWorkViewOf(db, membership, await getCourseAssessment(db, membership.course.id, assessmentId), userId, now);
}

/** findTimedWorkView for a caller that already holds the assessment's row (of membership's course): no second read. */
export async function timedWorkViewOf(db: Db, membership: CourseMembership, assessment: Assessment, userId: string, now: Date): Promise<TimedWorkView | null> {
  if (!can(membership, "submit-as-student")) return null;
  if (assessment.timeLimitMinutes === null) return null;
  const state = await getExamStateClosingIfDue(db, { assessment, userId, now });
  return { assessment: { id: assessment.id, timeLimitMinutes: assessment.timeLimitMinutes, allowRun: assessment.allowRun }, needsCode: assessment.accessCode !== null, state, json: examStateJson(state, now) };
}

/** Whether a student may Run on the assessment (staff always may). */
export function runAllowedFor(membership: CourseMembership, assessment: Pick<Assessment, "allowRun">): boolean {
  return !can(membership, "submit-as-student") || assessment.allowRun;
}
