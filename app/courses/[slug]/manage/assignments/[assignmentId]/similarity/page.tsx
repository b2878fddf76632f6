import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { requirePageUser } from "@/lib/auth/page-guards";
import { formatDeadline } from "@/lib/courses/format-date";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { plural } from "@/lib/format/plural";
import { MAX_TOKENS } from "@/lib/similarity/options";
import { getSimilarityOverview } from "@/lib/similarity/report-overview";
import { MIN_SUBMISSIONS } from "@/lib/similarity/reports";
import { analyseSimilarityAction } from "./actions";
import { PairTable } from "./PairTable";
import { SimilarityProgress } from "./SimilarityProgress";
import "@/app/similarity.css";

type Props = { params: Promise<{ slug: string; assignmentId: string }>; searchParams: Promise<{ page?: string | string[] }> };

export const metadata: Metadata = { title: "Similar submissions" };

export default async function SimilarityPage({ params, searchParams }: Props) {
  const { slug, assignmentId } = await params;
  const rawPage = (await searchParams).page;
  const base = `/courses/${encodeURIComponent(slug)}/manage/assignments/${encodeURIComponent(assignmentId)}/similarity`;
  const user = await requirePageUser(base);
  const overview = await getSimilarityOverview(await getDb(), user, { courseSlug: slug, assignmentId, page: Number(typeof rawPage === "string" ? rawPage : 1) }).catch(
    (error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    },
  );
  const { scope, current, report, result } = overview;
  const { course, assignment, exercise } = scope;
  const count = current.submissions.length;
  const needsReport = !report || overview.outOfDate;

  return (
    <>
      <p className="small">
        <Link href={`/courses/${course.slug}/manage/assignments/${assignment.id}`}>← {exercise.title}</Link>
      </p>
      <h1>Similar submissions: {exercise.title}</h1>
      <p>
        Compares each student&apos;s latest Submit (runs and staff&apos;s own attempts are left out) with every other, on the code&apos;s structure: renamed
        variables, reformatting, comments and reordered statements do not hide a copy. A high similarity is a reason to look, not a verdict.
      </p>
      <p data-testid="current-set">
        {plural(count, "student")} {count === 1 ? "has" : "have"} a latest submission.
      </p>

      {report && overview.outOfDate ? (
        <p className="warning" role="status" data-testid="out-of-date">
          Out of date: {plural(overview.newSubmissions, "new submission")} since this report.
        </p>
      ) : null}

      {needsReport ? (
        count >= MIN_SUBMISSIONS ? (
          <ActionForm action={analyseSimilarityAction} submitLabel={`Analyse ${count} latest submissions`} pendingLabel="Queuing…">
            <input type="hidden" name="slug" value={course.slug} />
            <input type="hidden" name="assignmentId" value={assignment.id} />
          </ActionForm>
        ) : (
          <p className="hint">A report needs at least {MIN_SUBMISSIONS} students&apos; submissions.</p>
        )
      ) : null}

      {report ? (
        <section aria-labelledby="report-title">
          <h2 id="report-title">Report</h2>
          <p className="muted small" data-testid="report-meta">
            {plural(report.submissionIds.length, "submission")} analysed, requested {formatDeadline(report.createdAt, course.timeZone)}
            {report.finishedAt ? `, finished ${formatDeadline(report.finishedAt, course.timeZone)}` : ""}.
          </p>
          {report.status !== "done" ? (
            <SimilarityProgress
              key={`${report.id}-${report.status}`}
              endpoint={`${base}/progress?report=${report.id}`}
              initial={{ id: report.id, status: report.status, progress: report.progress, error: report.error }}
            />
          ) : null}
          {report.status === "failed" && !needsReport ? (
            <ActionForm action={analyseSimilarityAction} submitLabel="Try the analysis again" pendingLabel="Queuing…">
              <input type="hidden" name="slug" value={course.slug} />
              <input type="hidden" name="assignmentId" value={assignment.id} />
            </ActionForm>
          ) : null}
          {result ? (
            <>
              <p data-testid="ignored-explained">
                Ignored: {plural(result.ignored.boilerplate, "fingerprint")} of the starter code and the reference solution, and{" "}
                {plural(result.ignored.common, "fingerprint")} found in more than {Math.round(result.options.maxFingerprintShare * 100)} % of the submissions
                {report.submissionIds.length < result.options.minSubmissionsForCommonFilter
                  ? ` (that filter applies from ${result.options.minSubmissionsForCommonFilter} submissions on)`
                  : ""}
                {result.skipped.length > 0 ? `; ${plural(result.skipped.length, "submission")} had nothing left to compare` : ""}
                {result.truncated.length > 0 ? `; ${plural(result.truncated.length, "submission")} analysed up to ${MAX_TOKENS.toLocaleString("en")} tokens only (longer than that)` : ""}.
              </p>
              <p data-testid="pair-summary">
                <strong>{plural(result.flaggedPairs, "pair")} flagged</strong> (similarity of {Math.round(result.options.flagThreshold * 100)} % or more) of{" "}
                {plural(result.totalPairs, "pair")}.{" "}
                <a href={`${base}/export?report=${report.id}`} download>
                  Download the pairs as CSV
                </a>
              </p>
              <PairTable overview={overview} base={base} />
            </>
          ) : null}
        </section>
      ) : (
        <p className="muted">No similarity report yet.</p>
      )}
    </>
  );
}
