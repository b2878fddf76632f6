import { and, desc, eq, getTableColumns } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { similarityReports, type SimilarityReportRow, type User } from "../db/schema";
import { AppError } from "../errors";
import { SIMILARITY_JOB } from "../queue/job-types";
import { sendJob, type DbOrTx } from "../queue/port";
import { DEFAULT_SIMILARITY_OPTIONS } from "./analyse";
import { readStoredResult, type StoredSimilarityResult } from "./report-result";
import { requireSimilarityScope, type SimilarityScope } from "./report-access";
import { assignmentExerciseVersion, listLatestSubmissions, loadBoilerplate, submissionsKey, type LatestSubmission } from "./report-set";

/*
 * Similarity reports of an assignment (issue 20): this module is the only writer of similarity_reports
 * besides the job (report-run.ts). A set of submissions is analysed once; asking again reuses its report.
 */

export type SendSimilarityJob = (tx: DbOrTx, reportId: string) => Promise<void>;

const sendSimilarityJob: SendSimilarityJob = (tx, reportId) => sendJob(tx, SIMILARITY_JOB, { reportId });

/** Fewer than this many latest submissions leave nothing to compare. */
export const MIN_SUBMISSIONS = 2;

/** The set a report would analyse now: the latest submissions and the key of that set. */
export interface CurrentSet {
  submissions: LatestSubmission[];
  exerciseVersion: string;
  key: string;
}

/** The assignment's current set of latest submissions and its cache key. */
export async function readCurrentSet(db: Db, scope: Pick<SimilarityScope, "assignment" | "course">, listed?: LatestSubmission[]): Promise<CurrentSet> {
  const submissions = listed ?? (await listLatestSubmissions(db, scope.assignment));
  const exerciseVersion = await assignmentExerciseVersion(db, scope.assignment);
  const boilerplate = await loadBoilerplate(db, scope.course.id, scope.assignment.exerciseId, exerciseVersion);
  const key = submissionsKey(
    submissions.map((row) => row.submissionId),
    boilerplate,
    DEFAULT_SIMILARITY_OPTIONS,
  );
  return { submissions, exerciseVersion, key };
}

/** What asking for a report did: queued a job, reused the report of the same set, or nothing (too few submissions). */
export type StartedReport =
  | { kind: "queued" | "reused"; reportId: string; submissions: number }
  | { kind: "too-few"; reportId: null; submissions: number };

/**
 * Queues the analysis of the assignment's current set of latest submissions, or reuses the report of
 * that set (done, queued or running: no job is sent). A failed report of the set is queued again. With
 * fewer than MIN_SUBMISSIONS submissions there is nothing to compare: nothing is written.
 */
export async function startSimilarityReport(
  db: Db,
  scope: Pick<SimilarityScope, "assignment" | "course">,
  requestedBy: string | null,
  send: SendSimilarityJob = sendSimilarityJob,
): Promise<StartedReport> {
  const latest = await listLatestSubmissions(db, scope.assignment);
  if (latest.length < MIN_SUBMISSIONS) return { kind: "too-few", reportId: null, submissions: latest.length };
  const set = await readCurrentSet(db, scope, latest);
  const count = set.submissions.length;
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(similarityReports)
      .values({
        courseId: scope.course.id,
        assignmentId: scope.assignment.id,
        exerciseId: scope.assignment.exerciseId,
        exerciseVersion: set.exerciseVersion,
        submissionsKey: set.key,
        submissionIds: set.submissions.map((row) => row.submissionId),
        requestedBy,
      })
      .onConflictDoNothing()
      .returning({ id: similarityReports.id });
    if (inserted) {
      await send(tx, inserted.id);
      return { kind: "queued", reportId: inserted.id, submissions: count };
    }
    const [existing] = await tx
      .select({ id: similarityReports.id, status: similarityReports.status })
      .from(similarityReports)
      .where(and(eq(similarityReports.assignmentId, scope.assignment.id), eq(similarityReports.submissionsKey, set.key)))
      .for("update")
      .limit(1);
    if (!existing) throw new Error(`similarity report of key ${set.key} neither inserted nor found`);
    if (existing.status !== "failed") return { kind: "reused", reportId: existing.id, submissions: count };
    await tx
      .update(similarityReports)
      .set({ status: "queued", progress: 0, error: null, result: null, startedAt: null, finishedAt: null, requestedBy, createdAt: new Date() })
      .where(eq(similarityReports.id, existing.id));
    await send(tx, existing.id);
    return { kind: "queued", reportId: existing.id, submissions: count };
  });
}

/** startSimilarityReport for a signed-in user: staff who may check similarity in the course, NOT_FOUND for anyone else. */
export async function requestSimilarityReport(
  db: Db,
  user: User,
  input: { courseSlug: string; assignmentId: string },
  send: SendSimilarityJob = sendSimilarityJob,
): Promise<StartedReport> {
  const scope = await requireSimilarityScope(db, user, input);
  return startSimilarityReport(db, scope, user.id, send);
}

/** A report without its result (which can be megabytes): what lists and pages read first. */
export type SimilarityReportMeta = Omit<SimilarityReportRow, "result">;

const { result: _result, ...META_COLUMNS } = getTableColumns(similarityReports);

/** The assignment's reports without their results, newest first. */
export async function listReports(db: Db, assignmentId: string): Promise<SimilarityReportMeta[]> {
  return db
    .select(META_COLUMNS)
    .from(similarityReports)
    .where(eq(similarityReports.assignmentId, assignmentId))
    .orderBy(desc(similarityReports.createdAt), desc(similarityReports.id));
}

/** The stored result of one report (null while it is not done). */
export async function loadReportResult(db: Db, reportId: string): Promise<StoredSimilarityResult | null> {
  const [row] = await db.select({ result: similarityReports.result }).from(similarityReports).where(eq(similarityReports.id, reportId)).limit(1);
  return row ? readStoredResult(row.result) : null;
}

/** The report a page shows: the current set's, else the newest (then out of date). */
export function pickShownReport<R extends Pick<SimilarityReportRow, "submissionsKey">>(reports: readonly R[], currentKey: string): R | null {
  return reports.find((report) => report.submissionsKey === currentKey) ?? reports[0] ?? null;
}

/** Submissions of the current set that the report did not analyse (new or newer attempts). */
export function countNewSubmissions(report: Pick<SimilarityReportRow, "submissionIds">, current: readonly LatestSubmission[]): number {
  const analysed = new Set(report.submissionIds);
  return current.filter((row) => !analysed.has(row.submissionId)).length;
}

/** A report's progress, as the page polls it. */
export interface ReportProgress {
  id: string;
  status: SimilarityReportRow["status"];
  progress: number;
  error: string | null;
}

/** The progress of report `reportId` of the assignment, or of its newest report (staff only; NOT_FOUND for another assignment's report). */
export async function getReportProgress(db: Db, user: User, input: { courseSlug: string; assignmentId: string; reportId?: string }): Promise<ReportProgress | null> {
  const scope = await requireSimilarityScope(db, user, input);
  const report = input.reportId ? await findAssignmentReport(db, scope.assignment.id, input.reportId) : ((await listReports(db, scope.assignment.id))[0] ?? null);
  return report && { id: report.id, status: report.status, progress: report.progress, error: report.error };
}

/** Report `reportId` if it belongs to the assignment; NOT_FOUND otherwise. */
export async function findAssignmentReport(db: Db, assignmentId: string, reportId: string): Promise<SimilarityReportMeta> {
  if (!z.uuid().safeParse(reportId).success) throw new AppError("NOT_FOUND", "No such similarity report.");
  const [report] = await db
    .select(META_COLUMNS)
    .from(similarityReports)
    .where(and(eq(similarityReports.id, reportId), eq(similarityReports.assignmentId, assignmentId)))
    .limit(1);
  if (!report) throw new AppError("NOT_FOUND", "No such similarity report.");
  return report;
}
