import { and, eq } from "drizzle-orm";
import { can } from "../auth/permissions";
import type { DbOrTx } from "../db/transaction";
import { assessments, assignments, courses, enrolments, type Assessment } from "../db/schema";
import { formatDateTime } from "../courses/format-date";
import { getStudentPolicy } from "../courses/student-policy";
import { hiddenTestsShown, scoresReleased, type HiddenTestDetail } from "../scoring/release";
import type { SubmissionView } from "./submission-view";

/**
 * The one place a student's view of their own Submits is cut down to what the assessment's release
 * policy lets them see: before release a Submit reads "Submitted" with when results come (no score, no
 * verdict, no message, no tests, no console, no quiz explanations); after release, hidden tests as
 * detailed as hiddenTestsShown says. Runs (visible examples) are never held back. Staff see everything.
 */

/** What one viewer may see of the Submits to one assessment. */
export interface ReleaseState {
  released: boolean;
  /** What is shown of hidden tests once released. */
  detail: HiddenTestDetail;
  /** Before release: when results come, as a sentence. */
  heldText: string | null;
}

/** Nothing held back: staff, and assessments released to the student. */
export const SEES_EVERYTHING: ReleaseState = { released: true, detail: "names_and_hints", heldText: null };

type ReleaseColumns = Pick<Assessment, "id" | "releasePolicy" | "releasedAt" | "hiddenTestDetail" | "dueAt">;

/** "Your score and feedback will be released by your instructor." / "… after the due date, <date>." */
export function heldTextOf(policy: Assessment["releasePolicy"], dueAt: Date | null, timeZone: string): string {
  if (policy === "after_due" && dueAt) return `Your score and feedback will be released after the due date, ${formatDateTime(dueAt, timeZone)}.`;
  return "Your score and feedback will be released by your instructor.";
}

/** The release state of an assessment for a student whose own due date (extension included) is `dueAt`. */
export function releaseStateOf(assessment: Omit<ReleaseColumns, "id" | "dueAt">, dueAt: Date | null, timeZone: string, now: Date): ReleaseState {
  const released = scoresReleased({ releasePolicy: assessment.releasePolicy, releasedAt: assessment.releasedAt, dueAt }, now);
  return {
    released,
    detail: hiddenTestsShown(assessment.hiddenTestDetail, released),
    heldText: released ? null : heldTextOf(assessment.releasePolicy, dueAt, timeZone),
  };
}

/** The release state for a student on an assessment, their accommodation's due date applied. */
export async function studentReleaseState(db: DbOrTx, assessment: Assessment, userId: string, timeZone: string, now: Date): Promise<ReleaseState> {
  if (assessment.releasePolicy === "immediately" && assessment.hiddenTestDetail === "names_and_hints") return SEES_EVERYTHING;
  const policy = await getStudentPolicy(db, assessment, userId);
  return releaseStateOf(assessment, policy.dueAt, timeZone, now);
}

/**
 * What `viewerId` may see of the Submits of `ownerId` to an assignment: everything for the course's staff
 * (and for a preview, which has no assignment), the owner's release state otherwise.
 */
export async function releaseStateForAssignment(db: DbOrTx, assignmentId: string | null, ownerId: string, viewerId: string, now = new Date()): Promise<ReleaseState> {
  if (assignmentId === null) return SEES_EVERYTHING;
  const [row] = await db
    .select({ assessment: assessments, timeZone: courses.timeZone, role: enrolments.role })
    .from(assignments)
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .leftJoin(enrolments, and(eq(enrolments.courseId, assignments.courseId), eq(enrolments.userId, viewerId)))
    .where(eq(assignments.id, assignmentId))
    .limit(1);
  if (!row) return SEES_EVERYTHING;
  if (row.role && can({ role: row.role }, "view-dashboard")) return SEES_EVERYTHING;
  return studentReleaseState(db, row.assessment, ownerId, row.timeZone, now);
}

/** A Submit as the student may see it under `state`; a Run as it is. */
export function redactSubmission(view: SubmissionView, state: ReleaseState): SubmissionView {
  if (view.mode === "run") return view;
  if (!state.released) {
    const { explanationsPending: _pending, ...rest } = view;
    return { ...rest, verdict: null, score: null, message: null, console: null, tests: [], held: state.heldText ?? heldTextOf("manual", null, "UTC") };
  }
  if (state.detail === "names_and_hints") return view;
  return {
    ...view,
    tests:
      state.detail === "names_only"
        ? view.tests.map((test) => (test.hidden ? { name: test.name, passed: test.passed, message: "", hidden: true } : test))
        : view.tests.filter((test) => !test.hidden),
  };
}
