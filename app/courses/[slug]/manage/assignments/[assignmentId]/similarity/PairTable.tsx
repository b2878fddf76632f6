import Link from "next/link";
import { plural } from "@/lib/format/plural";
import type { ReportStudent, SimilarityOverview } from "@/lib/similarity/report-overview";
import { percentOf } from "@/lib/similarity/report-result";
import { PAIRS_PER_PAGE } from "@/lib/similarity/report-overview";

/** The ranked pairs of a done report, one page of them, with links to both students and to the side-by-side view. */
export function PairTable({ overview, base }: { overview: SimilarityOverview; base: string }) {
  const { result, pairs, page, pageCount, scope } = overview;
  if (!result) return null;
  if (pairs.length === 0) return <p className="muted">No pair to show.</p>;
  const first = (page - 1) * PAIRS_PER_PAGE + 1;
  const shownOf = result.totalPairs > result.pairs.length ? ` (the ${result.pairs.length} most similar of ${result.totalPairs} are kept)` : "";
  const student = (row: ReportStudent) =>
    row.userId ? (
      <Link href={`/courses/${scope.course.slug}/manage/students/${row.userId}#a-${scope.assignment.id}`}>{row.name}</Link>
    ) : (
      row.name
    );
  return (
    <>
      <p className="small" data-testid="pairs-shown">
        Showing pairs {first}–{first + pairs.length - 1} of {result.pairs.length}
        {shownOf}.
      </p>
      <div className="table-wrap similarity-table-wrap">
        <table className="data-table similarity-pairs">
          <caption className="visually-hidden">Pairs of submissions, most similar first</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Student A</th>
              <th scope="col">Student B</th>
              <th scope="col">Similarity</th>
              <th scope="col">Longest match</th>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair) => (
              <tr key={`${pair.a.submissionId}-${pair.b.submissionId}`} className={pair.flagged ? "flagged" : undefined} data-testid="similarity-pair">
                <td>{pair.rank}</td>
                <td data-testid="pair-a">{student(pair.a)}</td>
                <td data-testid="pair-b">{student(pair.b)}</td>
                <td data-testid="pair-similarity">
                  {percentOf(pair.similarity)} %{pair.flagged ? <span className="badge flag-badge">Flagged</span> : null}
                </td>
                <td>{plural(pair.longestFragment, "token")}</td>
                <td>
                  <Link href={`${base}/compare/${pair.a.submissionId}/${pair.b.submissionId}`} aria-label={`Compare ${pair.a.name} and ${pair.b.name}`}>
                    Compare
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageCount > 1 ? (
        <nav aria-label="Pages of pairs" className="pager small">
          {page > 1 ? <Link href={`${base}?page=${page - 1}`}>← Previous</Link> : null}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link href={`${base}?page=${page + 1}`}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
