import { can } from "../auth/permissions";
import type { Db } from "../db";
import type { Assessment, User } from "../db/schema";
import { findOwnDraft, type DraftView } from "../drafts/drafts";
import { AppError } from "../errors";
import { kindOf } from "../exercises/kinds";
import { quizSeed } from "../exercises/quiz";
import { findExerciseForCourse, prepareQuizForSeed } from "../exercises/resolve";
import { studentExerciseView, type ExerciseView } from "../exercises/student-view";
import { listOwnAttemptScores, listOwnSubmissions, type SubmissionView } from "../submissions/view";
import { recordAssignmentOpen } from "../courses/assignment-opens";
import { findAssignmentOfExercise } from "../courses/assignments";
import { policyOf } from "../courses/assessments";
import { getStudentPolicy } from "../courses/student-policy";
import { findMembershipBySlug, type CourseMembership } from "../courses/courses";
import { checkSubmissionWindow, type SubmissionWindow } from "../courses/deadlines";
import { countingScore, penalizedScore, type LatePolicyKind } from "../scoring/late-policy";
import { releaseStateOf, SEES_EVERYTHING, type ReleaseState } from "../submissions/release-view";
import { attemptScore } from "../scoring/attempt-score";
import { listStaffAdjustments, type StaffAdjustment } from "../overrides/staff-adjustments";

export interface ExercisePageData {
  membership: CourseMembership;
  /** The assessment this page's work counts toward. */
  assessment: { id: string; title: string };
  /** The assessment's whole row, for server-side readers that need more of it (it holds the access code: never send it to the client). */
  assessmentRow: Assessment;
  title: string;
  topic: string;
  /** The viewer's own due date: the assessment's, or later when an accommodation extends it. */
  dueAt: Date | null;
  /** The assessment's own due date, for everyone. */
  courseDueAt: Date | null;
  /** True when the viewer's due date is later than the assessment's. */
  extended: boolean;
  /** Attempts per exercise for the viewer (extra attempts included); null is unlimited. */
  attemptLimit: number | null;
  latePolicy: LatePolicyKind;
  latePenaltyPerDay: number;
  /** The viewer's cut-off: moved by as much as an extension moves the due date. */
  lateCutoffAt: Date | null;
  /** Late work is taken without penalty for the viewer (an accommodation). */
  lateWaived: boolean;
  window: SubmissionWindow;
  view: ExerciseView;
  /** Newest first; `staffAdjustment`: staff's score (counted instead of the grader's) and comment, null when none. */
  history: Array<SubmissionView & { countedScore: number | null; staffAdjustment: StaffAdjustment | null }>;
  /** The score that counts: best graded attempt after late penalties. */
  countingScore: number | null;
  attemptsUsed: number;
  /** What the viewer sees of their Submits' scores and feedback (release policy; staff: everything). */
  release: ReleaseState;
  /** The user's server-side draft (code exercises), or null. */
  draft: DraftView | null;
}

/**
 * Everything the exercise page shows a course member; NOT_FOUND when the exercise is not theirs to see.
 * A student's first open of an open assignment is recorded (the start of "time to full marks").
 */
export async function getExercisePageData(db: Db, user: User, courseSlug: string, exerciseId: string, now = new Date(), assessmentId?: string): Promise<ExercisePageData> {
  const membership = await findMembershipBySlug(db, courseSlug, user.id);
  const assigned = membership ? await findAssignmentOfExercise(db, membership.course.id, exerciseId, assessmentId) : null;
  const loaded = assigned ? await findExerciseForCourse(db, assigned.assignment.courseId, exerciseId, assigned.assignment.exerciseVersion) : null;
  if (!membership || !assigned || !loaded) throw new AppError("NOT_FOUND", "No such exercise in this course.");
  // A quiz shows the viewer's own variant: authored params are computed for their seed first.
  const pkg = await prepareQuizForSeed(loaded.pkg, quizSeed(user.id, exerciseId));
  const policy = await getStudentPolicy(db, assigned.assessment, user.id);
  const ownDueAt = policyOf(assigned.assessment).dueAt;
  const release = can(membership, "view-dashboard") ? SEES_EVERYTHING : releaseStateOf(assigned.assessment, policy.dueAt, membership.course.timeZone, now);
  // Counted over every attempt, not only the newest ones the history shows, and never crowded out by Runs.
  const [latest, attempts] = await Promise.all([
    listOwnSubmissions(db, user.id, assigned.assignment.id, { mode: "submit", release }),
    listOwnAttemptScores(db, user.id, assigned.assignment.id),
  ]);
  // Staff's adjustments are scores too: held back with the rest until release.
  const adjustments = release.released
    ? await listStaffAdjustments(
        db,
        latest.map((submission) => submission.id),
      )
    : new Map<string, StaffAdjustment>();
  const history = latest.map((submission) => {
    const staffAdjustment = adjustments.get(submission.id) ?? null;
    const score = attemptScore({ score: submission.score, overrideScore: staffAdjustment?.score ?? null });
    return { ...submission, countedScore: release.released ? penalizedScore(policy, { submittedAt: new Date(submission.createdAt), score }) : null, staffAdjustment };
  });
  const window = checkSubmissionWindow(policy, now, attempts.length, membership.course.timeZone);
  const { keepsDrafts } = kindOf(pkg);
  const [draft] = await Promise.all([
    keepsDrafts ? findOwnDraft(db, user.id, exerciseId) : null,
    can(membership, "submit-as-student") && (window.open || window.reason !== "not_open_yet") ? recordAssignmentOpen(db, assigned.assignment.id, user.id, now) : null,
  ]);
  return {
    membership,
    assessment: { id: assigned.assessment.id, title: assigned.assessment.title },
    assessmentRow: assigned.assessment,
    title: pkg.exercise.title,
    topic: pkg.exercise.topic,
    dueAt: policy.dueAt,
    courseDueAt: ownDueAt,
    extended: policy.dueAt !== null && ownDueAt !== null && policy.dueAt.getTime() > ownDueAt.getTime(),
    attemptLimit: policy.attemptLimit,
    latePolicy: policy.latePolicy,
    latePenaltyPerDay: policy.latePenaltyPerDay,
    lateCutoffAt: policy.lateCutoffAt,
    lateWaived: policy.lateWaived,
    window,
    view: studentExerciseView(pkg, user.id),
    history,
    countingScore: release.released ? countingScore(policy, attempts) : null,
    attemptsUsed: attempts.length,
    release,
    draft,
  };
}
