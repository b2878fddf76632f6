import { and, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db";
import { similarityReports } from "../db/schema";
import { AppError } from "../errors";
import { analyseSimilarity } from "./analyse";
import { loadBoilerplate, loadSubmissionCode } from "./report-set";
import { toStoredResult } from "./report-result";

/** Progress is written at most this often: the analysis reports every few percent, the row needs less. */
const PROGRESS_WRITE_MS = 500;

export interface RunDeps {
  db: Db;
  log?: (line: string, error?: unknown) => void;
  /** The analysis (tests swap in one that fails). */
  analyse?: typeof analyseSimilarity;
  /** Least time between two progress writes (default PROGRESS_WRITE_MS). */
  progressIntervalMs?: number;
}

/** Why a report that a newer one of its assignment made useless ends without being analysed. */
export const SUPERSEDED = "Not analysed: a newer report of this assignment was asked for before this one started.";

/**
 * One delivery of a report's job: marks it running, analyses its submissions with progress on the row,
 * stores the result and marks it done, and deletes the assignment's older finished reports (the newest
 * done one and any queued or running one stay). A report already done or failed is left alone (a second
 * delivery). A report with a newer report of its assignment is superseded: it ends failed with SUPERSEDED,
 * unanalysed ("superseded"). An analysis that throws, or a set that cannot be analysed (its exercise gone
 * or a quiz), ends the report failed with the reason; a database failure throws, so that the job is
 * delivered again.
 */
export async function runSimilarityReport(deps: RunDeps, reportId: string): Promise<"done" | "failed" | "skipped" | "superseded"> {
  const { db } = deps;
  const log = deps.log ?? ((line: string, error?: unknown) => console.error(line, error ?? ""));
  const [report] = await db
    .update(similarityReports)
    .set({ status: "running", startedAt: new Date(), progress: 0 })
    .where(and(eq(similarityReports.id, reportId), inArray(similarityReports.status, ["queued", "running"])))
    .returning();
  if (!report) return "skipped";
  const [newer] = await db
    .select({ id: similarityReports.id })
    .from(similarityReports)
    .where(and(eq(similarityReports.assignmentId, report.assignmentId), ne(similarityReports.id, reportId), gt(similarityReports.createdAt, createdAtOf(reportId))))
    .limit(1);
  if (newer) {
    await failSimilarityReport(db, reportId, SUPERSEDED);
    return "superseded";
  }

  // Loaded outside the analysis's try: a database failure here throws, and the job is delivered again.
  let loaded;
  try {
    loaded = await Promise.all([
      loadBoilerplate(db, report.courseId, report.exerciseId, report.exerciseVersion),
      loadSubmissionCode(db, report.submissionIds),
    ]);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await failSimilarityReport(db, reportId, `The submissions cannot be analysed: ${error.message}`);
    return "failed";
  }
  const [boilerplate, submissions] = loaded;

  let analysed;
  try {
    const interval = deps.progressIntervalMs ?? PROGRESS_WRITE_MS;
    let lastWrite = Date.now();
    let writing: Promise<unknown> = Promise.resolve();
    analysed = await (deps.analyse ?? analyseSimilarity)(submissions, boilerplate, undefined, (fraction) => {
      const now = Date.now();
      if (now - lastWrite < interval) return;
      lastWrite = now;
      writing = writing.then(() => writeProgress(db, reportId, fraction)).catch((error: unknown) => log(`Tensorgrade: similarity report ${reportId}: writing progress failed`, error));
    });
    await writing;
  } catch (error) {
    log(`Tensorgrade: similarity report ${reportId}: the analysis failed`, error);
    await failSimilarityReport(db, reportId, `The analysis failed: ${error instanceof Error ? error.message : String(error)}`);
    return "failed";
  }
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(similarityReports)
      .set({ status: "done", progress: 1, result: toStoredResult(analysed), error: null, finishedAt: new Date() })
      .where(and(eq(similarityReports.id, reportId), eq(similarityReports.status, "running")))
      .returning({ id: similarityReports.id });
    if (!done) return;
    // Older finished reports of the assignment are superseded by this one: their results are dead weight.
    await tx
      .delete(similarityReports)
      .where(
        and(
          eq(similarityReports.assignmentId, report.assignmentId),
          ne(similarityReports.id, reportId),
          inArray(similarityReports.status, ["done", "failed"]),
          lt(similarityReports.createdAt, createdAtOf(reportId)),
        ),
      );
  });
  return "done";
}

/** The report's creation time, read by the database (a JavaScript Date would drop its microseconds). */
function createdAtOf(reportId: string) {
  return sql`(select r.created_at from ${similarityReports} r where r.id = ${reportId})`;
}

async function writeProgress(db: Db, reportId: string, fraction: number): Promise<void> {
  await db
    .update(similarityReports)
    .set({ progress: Math.min(1, Math.max(0, fraction)) })
    .where(and(eq(similarityReports.id, reportId), eq(similarityReports.status, "running")));
}

/** Ends a report that is not finished as failed, with a reason staff can read. Idempotent. */
export async function failSimilarityReport(db: Db, reportId: string, reason: string): Promise<void> {
  await db
    .update(similarityReports)
    .set({ status: "failed", error: reason.slice(0, 2000), finishedAt: new Date() })
    .where(and(eq(similarityReports.id, reportId), inArray(similarityReports.status, ["queued", "running"])));
}
