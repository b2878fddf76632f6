import type { Db } from "../db";
import type { User } from "../db/schema";
import { AppError } from "../errors";
import { comparePair } from "./analyse";
import { requireSimilarityScope, type SimilarityScope } from "./report-access";
import { loadBoilerplate, loadSubmissionCode } from "./report-set";
import { loadReportStudents, type ReportStudent } from "./report-overview";
import { listReports, loadReportResult, type SimilarityReportMeta } from "./reports";
import type { SimilarityFragment } from "./types";

export interface PairSide {
  student: ReportStudent;
  code: string;
}

export interface SimilarityPairView {
  scope: SimilarityScope;
  report: SimilarityReportMeta;
  a: PairSide;
  b: PairSide;
  similarity: number;
  flagged: boolean;
  longestFragment: number;
  /** Matching fragments in the order they appear in `a`, numbered from 1 by the page. */
  fragments: SimilarityFragment[];
}

const NOT_FOUND = "These two submissions are not a pair of a finished similarity report of this assignment.";

/**
 * Two submissions of the assignment's newest done report that holds both, compared again with that
 * report's options and common fingerprints for the fragments (staff only; NOT_FOUND otherwise).
 */
export async function getSimilarityPair(db: Db, user: User, input: { courseSlug: string; assignmentId: string; a: string; b: string }): Promise<SimilarityPairView> {
  const scope = await requireSimilarityScope(db, user, input);
  if (input.a === input.b) throw new AppError("NOT_FOUND", NOT_FOUND);
  const report = (await listReports(db, scope.assignment.id)).find(
    (row) => row.status === "done" && row.submissionIds.includes(input.a) && row.submissionIds.includes(input.b),
  );
  const result = report ? await loadReportResult(db, report.id) : null;
  if (!report || !result) throw new AppError("NOT_FOUND", NOT_FOUND);
  const [codes, boilerplate, students] = await Promise.all([
    loadSubmissionCode(db, [input.a, input.b]),
    loadBoilerplate(db, report.courseId, report.exerciseId, report.exerciseVersion),
    loadReportStudents(db, [input.a, input.b]),
  ]);
  const [codeA, codeB] = codes;
  const studentA = students.get(input.a);
  const studentB = students.get(input.b);
  if (!codeA || !codeB || !studentA || !studentB) throw new AppError("NOT_FOUND", NOT_FOUND);
  const compared = comparePair(codeA, codeB, boilerplate, result.options, result.commonHashes);
  const fragments = [...compared.fragments].sort((x, y) => x.a.startLine - y.a.startLine || x.a.startColumn - y.a.startColumn || x.b.startLine - y.b.startLine);
  return {
    scope,
    report,
    a: { student: studentA, code: codeA.code },
    b: { student: studentB, code: codeB.code },
    similarity: compared.similarity,
    flagged: compared.similarity >= result.options.flagThreshold,
    longestFragment: compared.longestFragment,
    fragments,
  };
}
