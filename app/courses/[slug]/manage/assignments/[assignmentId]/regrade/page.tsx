import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { countAssignmentActivity, findAssignmentOfExercise, getCourseAssignment } from "@/lib/courses/assignments";
import { formatDeadline } from "@/lib/courses/format-date";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { findLatestRegrade } from "@/lib/submissions/regrade";
import { listGradedVersions, summarizeRegrade, type ChangedSubmission } from "@/lib/submissions/regrade-report";
import { startRegradeAction } from "./actions";
import { RegradeProgress } from "./RegradeProgress";
import { ActivityCounts } from "../ActivityCounts";
import "@/app/preview.css";

type Props = { params: Promise<{ slug: string; assignmentId: string }>; searchParams: Promise<{ moved?: string | string[] }> };

export const metadata: Metadata = { title: "Regrade" };

const percent = (score: number | null) => (score === null ? "—" : `${Math.round(score * 1000) / 10} %`);
const short = (version: string) => version.slice(0, 12);

export default async function RegradePage({ params, searchParams }: Props) {
  const { slug, assignmentId } = await params;
  // Set by "Move to it" on the assignment page: say what changed before offering the regrade.
  const moved = (await searchParams).moved === "1";
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assignments/${encodeURIComponent(assignmentId)}/regrade`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const db = await getDb();
  const assignment = await getCourseAssignment(db, course.id, assignmentId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const assigned = await findAssignmentOfExercise(db, course.id, assignment.exerciseId);
  if (!assigned) notFound();
  const { exercise } = assigned;
  const [versions, latest, activity] = await Promise.all([
    listGradedVersions(db, assignment.id),
    findLatestRegrade(db, assignment.id),
    countAssignmentActivity(db, assignment.id),
  ]);
  const graded = versions.reduce((sum, version) => sum + version.submissions, 0);
  const inFlight = activity.submissions - graded;
  const report = latest?.finished ? await summarizeRegrade(db, latest.id) : null;
  const outdated = versions.filter((version) => version.version !== exercise.currentVersion).reduce((sum, version) => sum + version.submissions, 0);
  const base = `/courses/${course.slug}/manage/assignments/${assignment.id}`;

  return (
    <>
      <p className="small">
        <Link href={`/courses/${course.slug}/manage/assignments`}>← Assignments</Link>
      </p>
      <h1>Regrade: {exercise.title}</h1>
      {moved ? (
        <p className="success" role="status">
          The assignment now uses the newest published version. New submissions are graded against it; regrade to grade the earlier ones against it too.
        </p>
      ) : null}
      <p>
        Grades every submission again against the exercise as it is now (runs are never scored, so they are not regraded). Earlier results
        are kept, and the scores that count update at once.
      </p>
      <ActivityCounts activity={activity} />
      {inFlight > 0 ? (
        <p className="small muted">
          {inFlight} {inFlight === 1 ? "submission is" : "submissions are"} still being graded; a regrade takes in the submissions graded when it starts.
        </p>
      ) : null}

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Exercise versions</h2>
        <p>
          Current version: <code data-testid="current-version">{short(exercise.currentVersion)}</code>.{" "}
          {versions.length === 0
            ? "No submission has been graded yet."
            : outdated === 0
              ? "Every graded submission was graded against it."
              : `${outdated} graded ${outdated === 1 ? "submission was" : "submissions were"} graded against an earlier version.`}
        </p>
        {versions.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table versions-table">
              <thead>
                <tr>
                  <th scope="col">Graded against</th>
                  <th scope="col">Graded submissions</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((version) => (
                  <tr key={version.version} className={version.version === exercise.currentVersion ? "current" : undefined}>
                    <td>
                      <code>{short(version.version)}</code> {version.version === exercise.currentVersion ? "(current)" : "(earlier)"}
                    </td>
                    <td>{version.submissions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="regrade-title">
        <h2 id="regrade-title">Regrade</h2>
        {can(membership, "regrade") ? (
          latest && !latest.finished ? (
            <p className="hint">A regrade is running; you can start another once it has finished.</p>
          ) : (
            <ActionForm action={startRegradeAction} submitLabel="Regrade all submissions" pendingLabel="Starting…">
              <input type="hidden" name="slug" value={course.slug} />
              <input type="hidden" name="assignmentId" value={assignment.id} />
            </ActionForm>
          )
        ) : (
          <p className="hint">Only the course&apos;s instructors can start a regrade; you can follow its progress here.</p>
        )}
        {latest ? (
          <>
            <p className="muted small">
              Latest regrade started {formatDeadline(latest.createdAt, course.timeZone)}, against version <code>{short(latest.exerciseVersion)}</code>
              {latest.finishedAt ? `, finished ${formatDeadline(latest.finishedAt, course.timeZone)}` : ""}.
            </p>
            <RegradeProgress
              key={latest.id}
              endpoint={`${base}/regrade/progress`}
              initial={{ id: latest.id, total: latest.total, done: latest.done, failed: latest.failed, finished: latest.finished }}
            />
          </>
        ) : (
          <p className="muted">This assignment has never been regraded.</p>
        )}
      </section>

      {report ? (
        <section aria-labelledby="report-title" data-testid="regrade-report">
          <h2 id="report-title">What changed</h2>
          <p>
            {report.changed === 0
              ? `No score changed (${report.regraded} ${report.regraded === 1 ? "submission" : "submissions"} regraded).`
              : `${report.changed} ${report.changed === 1 ? "score" : "scores"} changed: ${report.up} up, ${report.down} down.`}
          </p>
          {report.rows.length > 0 ? <ChangedTable rows={report.rows} timeZone={course.timeZone} /> : null}
        </section>
      ) : null}
    </>
  );
}

function ChangedTable({ rows, timeZone }: { rows: ChangedSubmission[]; timeZone: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">Submissions whose score changed</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Submitted</th>
            <th scope="col">Score</th>
            <th scope="col">Earlier results</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const direction = (row.newScore ?? 0) > (row.oldScore ?? 0) ? "up" : "down";
            return (
              <tr key={row.submissionId}>
                <td>
                  {row.studentName}
                  <div className="muted small">{row.studentEmail}</div>
                </td>
                <td>{formatDeadline(row.submittedAt, timeZone)}</td>
                <td>
                  <span className={`score-change ${direction}`}>
                    {percent(row.oldScore)} → {percent(row.newScore)}
                  </span>
                  <span className="visually-hidden"> ({direction})</span>
                  {row.newVerdict && row.newVerdict !== "graded" ? <div className="muted small">{row.newVerdict.replace("_", " ")}</div> : null}
                </td>
                <td>
                  <details>
                    <summary>
                      {row.history.length} earlier {row.history.length === 1 ? "result" : "results"}
                    </summary>
                    <ul className="history-list">
                      {row.history.map((entry, index) => (
                        <li key={index}>
                          {percent(entry.score)} ({entry.verdict ?? "no verdict"}), version <code>{short(entry.exerciseVersion)}</code>
                          {entry.gradedAt ? `, graded ${formatDeadline(entry.gradedAt, timeZone)}` : ""}
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
