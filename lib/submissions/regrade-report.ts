import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { submissionGradings, submissions, users } from "../db/schema";
import { isCountedAttempt } from "../scoring/counted-score-sql";

export interface GradedVersion {
  version: string;
  submissions: number;
}

export interface ArchivedResult {
  exerciseVersion: string;
  verdict: string | null;
  score: number | null;
  gradedAt: Date | null;
  archivedAt: Date;
}

export interface ChangedSubmission {
  submissionId: string;
  studentName: string;
  studentEmail: string;
  submittedAt: Date;
  oldScore: number | null;
  newScore: number | null;
  newVerdict: string | null;
  /** Every earlier result of this submission, oldest first (kept by each regrade). */
  history: ArchivedResult[];
}

export interface RegradeReport {
  /** Submissions whose result was replaced by this regrade. */
  regraded: number;
  changed: number;
  up: number;
  down: number;
  rows: ChangedSubmission[];
}

const SAME = 1e-9;

/** How many of an assignment's graded attempts were graded against each exercise version. */
export async function listGradedVersions(db: Db, assignmentId: string): Promise<GradedVersion[]> {
  const rows = await db
    .select({ version: submissions.exerciseVersion, submissions: count() })
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignmentId), isCountedAttempt(), inArray(submissions.status, ["graded", "error"])))
    .groupBy(submissions.exerciseVersion);
  return rows.sort((a, b) => b.submissions - a.submissions);
}

/** What a regrade changed: scores up and down, and each changed submission with its history. */
export async function summarizeRegrade(db: Db, regradeId: string): Promise<RegradeReport> {
  const archived = await db
    .select({
      submissionId: submissionGradings.submissionId,
      oldScore: submissionGradings.score,
      newScore: submissions.score,
      newVerdict: submissions.verdict,
      submittedAt: submissions.createdAt,
      studentName: users.name,
      studentEmail: users.email,
    })
    .from(submissionGradings)
    .innerJoin(submissions, eq(submissions.id, submissionGradings.submissionId))
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(eq(submissionGradings.regradeId, regradeId))
    .orderBy(asc(users.name), asc(submissions.createdAt));
  const changed = archived.filter((row) => scoreChanged(row.oldScore, row.newScore));
  const history = changed.length
    ? await db
        .select()
        .from(submissionGradings)
        .where(inArray(submissionGradings.submissionId, changed.map((row) => row.submissionId)))
        .orderBy(asc(submissionGradings.archivedAt))
    : [];
  return {
    regraded: archived.length,
    changed: changed.length,
    up: changed.filter((row) => (row.newScore ?? 0) > (row.oldScore ?? 0)).length,
    down: changed.filter((row) => (row.newScore ?? 0) < (row.oldScore ?? 0)).length,
    rows: changed.map((row) => ({
      ...row,
      history: history
        .filter((entry) => entry.submissionId === row.submissionId)
        .map(({ exerciseVersion, verdict, score, gradedAt, archivedAt }) => ({ exerciseVersion, verdict, score, gradedAt, archivedAt })),
    })),
  };
}

function scoreChanged(before: number | null, after: number | null): boolean {
  if (before === null || after === null) return before !== after;
  return Math.abs(before - after) > SAME;
}
