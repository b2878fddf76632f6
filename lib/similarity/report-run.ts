import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { similarityReports } from "../db/schema";
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

/**
 * One delivery of a report's job: marks it running, analyses its submissions with progress on the row,
 * stores the result and marks it done. A report already done or failed is left alone (a second
 * delivery). An analysis that throws ends the report failed with the reason; a database failure throws,
 * so that the job is delivered again.
 */
export async function runSimilarityReport(deps: RunDeps, reportId: string): Promise<"done" | "failed" | "skipped"> {
  const { db } = deps;
  const log = deps.log ?? ((line: string, error?: unknown) => console.error(line, error ?? ""));
  const [report] = await db
    .update(similarityReports)
    .set({ status: "running", startedAt: new Date(), progress: 0 })
    .where(and(eq(similarityReports.id, reportId), inArray(similarityReports.status, ["queued", "running"])))
    .returning();
  if (!report) return "skipped";

  let analysed;
  try {
    const boilerplate = await loadBoilerplate(db, report.courseId, report.exerciseId, report.exerciseVersion);
    const submissions = await loadSubmissionCode(db, report.submissionIds);
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
  await db
    .update(similarityReports)
    .set({ status: "done", progress: 1, result: toStoredResult(analysed), error: null, finishedAt: new Date() })
    .where(and(eq(similarityReports.id, reportId), eq(similarityReports.status, "running")));
  return "done";
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
