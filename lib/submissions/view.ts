import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { assignments, enrolments, submissions, testResults, type Submission, type TestResultRow, type User } from "../db/schema";
import { AppError } from "../errors";
import { attemptScore } from "../scoring/attempt-score";
import { isCountedAttempt } from "../scoring/counted-score-sql";
import { withQuizFeedback } from "./quiz-feedback";
import { redactSubmission, releaseStateForAssignment, type ReleaseState } from "./release-view";
import type { SubmissionView } from "./submission-view";

export type { SubmissionView };

/** The submission as `viewer` may see it; NOT_FOUND for anyone but its owner and its course's staff. */
export async function getSubmissionForViewer(db: Db, submissionId: string, viewer: User): Promise<SubmissionView> {
  return (await readSubmissionForViewer(db, submissionId, viewer)).view;
}

/** What getSubmissionForViewer reads, with what serving it needs to know: whether `viewer` owns it, and when its owner first saw its result. */
export interface ViewerSubmission {
  view: SubmissionView;
  isOwner: boolean;
  firstSeenAt: Date | null;
}

/** The submission as `viewer` may see it, with whether they own it (NOT_FOUND for anyone but its owner and its course's staff). */
export async function readSubmissionForViewer(db: Db, submissionId: string, viewer: User): Promise<ViewerSubmission> {
  const notFound = new AppError("NOT_FOUND", "No such submission.");
  if (!z.uuid().safeParse(submissionId).success) throw notFound;
  const [submission] = await db.select().from(submissions).where(eq(submissions.id, submissionId)).limit(1);
  if (!submission) throw notFound;
  const isOwner = submission.userId === viewer.id;
  if (!isOwner && !(await isCourseStaffFor(db, submission, viewer.id))) throw notFound;
  const tests = await db
    .select()
    .from(testResults)
    .where(eq(testResults.submissionId, submission.id))
    .orderBy(asc(testResults.position));
  const [view] = await withQuizFeedback(db, [[submission, toView(submission, tests)]], { staffViewer: !isOwner });
  // Staff reading a student's work see it all; an owner sees what the release policy lets them.
  const release = isOwner ? await releaseStateForAssignment(db, submission.assignmentId, submission.userId, viewer.id) : null;
  return { view: release ? redactSubmission(view!, release) : view!, isOwner, firstSeenAt: submission.firstSeenAt };
}

/** A student's own submissions of one exercise in one assignment, newest first: only Runs or Submits when `mode` says so. */
export async function listOwnSubmissions(
  db: Db,
  userId: string,
  assignmentId: string,
  { mode, limit = 50, release }: { mode?: Submission["mode"]; limit?: number; release: ReleaseState },
): Promise<SubmissionView[]> {
  const rows = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.assignmentId, assignmentId), mode ? eq(submissions.mode, mode) : undefined))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
  if (rows.length === 0) return [];
  const tests = await db
    .select()
    .from(testResults)
    .where(inArray(testResults.submissionId, rows.map((row) => row.id)))
    .orderBy(asc(testResults.position));
  const views = rows.map((row) => [row, toView(row, tests.filter((test) => test.submissionId === row.id))] as const);
  return (await withQuizFeedback(db, views, { staffViewer: false })).map((view) => redactSubmission(view, release));
}

/** Every Submit (not Run) of a student on an assignment, as what counts: when it was sent and its score (staff's override first). */
export async function listOwnAttemptScores(db: Db, userId: string, assignmentId: string): Promise<Array<{ submittedAt: Date; score: number | null }>> {
  const rows = await db
    .select({ submittedAt: submissions.createdAt, score: submissions.score, overrideScore: submissions.overrideScore })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.assignmentId, assignmentId), isCountedAttempt()));
  return rows.map((row) => ({ submittedAt: row.submittedAt, score: attemptScore(row) }));
}

async function isCourseStaffFor(db: Db, submission: Submission, userId: string): Promise<boolean> {
  if (!submission.assignmentId) return false;
  const [row] = await db
    .select({ role: enrolments.role })
    .from(assignments)
    .innerJoin(enrolments, eq(enrolments.courseId, assignments.courseId))
    .where(and(eq(assignments.id, submission.assignmentId), eq(enrolments.userId, userId)))
    .limit(1);
  return can(row, "view-student-submissions");
}

function toView(submission: Submission, tests: readonly TestResultRow[]): SubmissionView {
  return {
    id: submission.id,
    exerciseId: submission.exerciseId,
    mode: submission.mode,
    status: submission.status,
    verdict: submission.verdict,
    score: submission.score,
    message: submission.message,
    console: submission.console,
    // A preview run's code may be the reference solution: it never leaves the server, not even to its owner.
    code: submission.assignmentId === null ? null : submission.code,
    answers: submission.assignmentId === null ? null : submission.answers,
    createdAt: submission.createdAt.toISOString(),
    gradedAt: submission.gradedAt?.toISOString() ?? null,
    tests: tests.map((test) => ({
      name: test.name,
      passed: test.passed,
      message: test.message,
      hidden: test.hidden,
      ...(!test.hidden && isShown(test.shown) ? { shown: test.shown } : {}),
    })),
  };
}

function isShown(value: unknown): value is { expected: unknown; actual: unknown } {
  return typeof value === "object" && value !== null && "expected" in value;
}
