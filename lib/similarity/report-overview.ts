import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { submissions, users, type User } from "../db/schema";
import { requireSimilarityScope, type SimilarityScope } from "./report-access";
import { type StoredSimilarityPair, type StoredSimilarityResult } from "./report-result";
import { countNewSubmissions, listReports, loadReportResult, pickShownReport, readCurrentSet, type CurrentSet, type SimilarityReportMeta } from "./reports";

/** The student behind one analysed submission. */
export interface ReportStudent {
  submissionId: string;
  userId: string;
  name: string;
  email: string;
  submittedAt: Date;
}

export interface ReportPairRow extends Omit<StoredSimilarityPair, "a" | "b"> {
  rank: number;
  a: ReportStudent;
  b: ReportStudent;
}

export interface SimilarityOverview {
  scope: SimilarityScope;
  current: CurrentSet;
  report: SimilarityReportMeta | null;
  result: StoredSimilarityResult | null;
  /** The shown report is of another set than the current one. */
  outOfDate: boolean;
  /** Latest submissions the shown report did not analyse. */
  newSubmissions: number;
  /** The requested page of pairs (1-based), with the students. */
  pairs: ReportPairRow[];
  page: number;
  pageCount: number;
}

export const PAIRS_PER_PAGE = 50;

/** Everything the report page shows for the assignment (staff who may check similarity; NOT_FOUND otherwise). */
export async function getSimilarityOverview(db: Db, user: User, input: { courseSlug: string; assignmentId: string; page?: number }): Promise<SimilarityOverview> {
  const scope = await requireSimilarityScope(db, user, input);
  return readSimilarityOverview(db, scope, input.page ?? 1);
}

/** getSimilarityOverview for a scope already checked. */
export async function readSimilarityOverview(db: Db, scope: SimilarityScope, requestedPage = 1): Promise<SimilarityOverview> {
  const [current, reports] = await Promise.all([readCurrentSet(db, scope), listReports(db, scope.assignment.id)]);
  const report = pickShownReport(reports, current.key);
  // Only the shown report's result is read (the list holds metadata only).
  const result = report?.status === "done" ? await loadReportResult(db, report.id) : null;
  const pageCount = Math.max(1, Math.ceil((result?.pairs.length ?? 0) / PAIRS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const slice = result ? result.pairs.slice((page - 1) * PAIRS_PER_PAGE, page * PAIRS_PER_PAGE) : [];
  const students = await loadReportStudents(db, slice.flatMap((pair) => [pair.a, pair.b]));
  return {
    scope,
    current,
    report,
    result,
    outOfDate: report !== null && report.submissionsKey !== current.key,
    newSubmissions: report ? countNewSubmissions(report, current.submissions) : current.submissions.length,
    pairs: slice.map((pair, index) => withStudents(pair, (page - 1) * PAIRS_PER_PAGE + index + 1, students)),
    page,
    pageCount,
  };
}

/** The students of the given submissions, by submission id. */
export async function loadReportStudents(db: Db, submissionIds: readonly string[]): Promise<Map<string, ReportStudent>> {
  const ids = [...new Set(submissionIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ submissionId: submissions.id, userId: submissions.userId, name: users.name, email: users.email, submittedAt: submissions.createdAt })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(inArray(submissions.id, ids));
  return new Map(rows.map((row) => [row.submissionId, row]));
}

const GONE = (submissionId: string): ReportStudent => ({ submissionId, userId: "", name: "(deleted submission)", email: "", submittedAt: new Date(0) });

/** A stored pair with both students filled in (a deleted submission shows as such). */
export function withStudents(pair: StoredSimilarityPair, rank: number, students: ReadonlyMap<string, ReportStudent>): ReportPairRow {
  return { ...pair, rank, a: students.get(pair.a) ?? GONE(pair.a), b: students.get(pair.b) ?? GONE(pair.b) };
}
