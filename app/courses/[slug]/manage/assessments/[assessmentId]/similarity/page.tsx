import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { plural } from "@/lib/format/plural";
import { getAssessmentSimilarity, type AssessmentSimilarityRow } from "@/lib/similarity/assessment-similarity";
import { percentOf } from "@/lib/similarity/report-result";
import { analyseAssessmentSimilarityAction } from "./actions";
import "@/app/similarity.css";

type Props = { params: Promise<{ slug: string; assessmentId: string }> };

export const metadata: Metadata = { title: "Similar submissions" };

function statusText(row: AssessmentSimilarityRow): string {
  const state =
    row.status === "none"
      ? "No report"
      : row.status === "done"
        ? "Done"
        : row.status === "failed"
          ? "Failed"
          : row.status === "running"
            ? `Running (${Math.round(row.progress * 100)} %)`
            : "Queued";
  return row.outOfDate ? `${state}; out of date: ${plural(row.newSubmissions, "new submission")}` : state;
}

export default async function AssessmentSimilarityPage({ params }: Props) {
  const { slug, assessmentId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assessments/${encodeURIComponent(assessmentId)}/similarity`);
  const { course, assessment, rows } = await getAssessmentSimilarity(await getDb(), user, { courseSlug: slug, assessmentId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const base = `/courses/${course.slug}/manage`;
  return (
    <>
      <p className="small">
        <Link href={`${base}/assessments/${assessment.id}`}>← {assessment.title}</Link>
      </p>
      <h1>Similar submissions: {assessment.title}</h1>
      <p>Each code exercise of the assessment, compared over each student&apos;s latest Submit. Open an exercise for its ranked pairs.</p>
      {rows.length === 0 ? (
        <p className="muted">This assessment has no code exercise.</p>
      ) : (
        <>
          <ActionForm action={analyseAssessmentSimilarityAction} submitLabel="Analyse all" pendingLabel="Queuing…">
            <input type="hidden" name="slug" value={course.slug} />
            <input type="hidden" name="assessmentId" value={assessment.id} />
          </ActionForm>
          <div className="table-wrap similarity-table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Similarity reports of the assessment&apos;s code exercises</caption>
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col">Latest submissions</th>
                  <th scope="col">Report</th>
                  <th scope="col">Flagged pairs</th>
                  <th scope="col">Top similarity</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.assignmentId} data-testid="assessment-similarity-row">
                    <td>
                      <Link href={`${base}/assignments/${row.assignmentId}/similarity`}>{row.exerciseTitle}</Link>
                    </td>
                    <td>{row.submissions}</td>
                    <td>{statusText(row)}</td>
                    <td>{row.flaggedPairs ?? "—"}</td>
                    <td>{row.topSimilarity === null ? "—" : `${percentOf(row.topSimilarity)} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
