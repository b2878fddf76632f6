import type { Db } from "../db";
import type { User } from "../db/schema";
import { AppError } from "../errors";
import { toCsv, type CsvValue } from "../progress/csv";
import { requireSimilarityScope } from "./report-access";
import { percentOf } from "./report-result";
import { loadReportStudents, withStudents } from "./report-overview";
import { findAssignmentReport, listReports, loadReportResult } from "./reports";

export const SIMILARITY_CSV_HEADER = [
  "rank",
  "student_a_name",
  "student_a_email",
  "student_b_name",
  "student_b_email",
  "similarity_percent",
  "flagged",
  "longest_fragment_tokens",
  "submission_a",
  "submission_b",
] as const;

/**
 * The pairs of a done report of the assignment as CSV, most similar first (staff only; NOT_FOUND
 * otherwise): report `reportId` (NOT_FOUND unless done), or the newest done one (none: the header alone).
 * Cells are defused against spreadsheet formulas.
 */
export async function exportSimilarityCsv(
  db: Db,
  user: User,
  input: { courseSlug: string; assignmentId: string; reportId?: string },
): Promise<{ csv: string; filename: string }> {
  const scope = await requireSimilarityScope(db, user, input);
  const report = input.reportId
    ? await findAssignmentReport(db, scope.assignment.id, input.reportId)
    : ((await listReports(db, scope.assignment.id)).find((row) => row.status === "done") ?? null);
  const result = report?.status === "done" ? await loadReportResult(db, report.id) : null;
  if (input.reportId && !result) throw new AppError("NOT_FOUND", "This similarity report has not finished.");
  // No finished report yet: the header alone (no pair has been analysed).
  if (!report || !result) return { csv: toCsv([[...SIMILARITY_CSV_HEADER]]), filename: `similarity-${scope.exercise.id}.csv` };
  const students = await loadReportStudents(db, report.submissionIds);
  const rows: CsvValue[][] = result.pairs.map((pair, index) => {
    const row = withStudents(pair, index + 1, students);
    return [row.rank, row.a.name, row.a.email, row.b.name, row.b.email, percentOf(row.similarity), row.flagged, row.longestFragment, row.a.submissionId, row.b.submissionId];
  });
  return { csv: toCsv([[...SIMILARITY_CSV_HEADER], ...rows]), filename: `similarity-${scope.exercise.id}-${report.id.slice(0, 8)}.csv` };
}
