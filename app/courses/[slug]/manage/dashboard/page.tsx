import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { getDashboardPageData, readableTag } from "@/lib/progress/dashboard-page";
import { formatDuration, formatShare } from "@/lib/progress/format";
import { getQueueDepth } from "@/lib/queue/stats";
import { getCourseQueueTimings } from "@/lib/queue/timings";
import { DistributionChart } from "@/app/_components/charts/DistributionChart";
import { FailingTestsChart } from "@/app/_components/charts/FailingTestsChart";
import { SubmissionsOverTimeChart } from "@/app/_components/charts/SubmissionsOverTimeChart";
import { Heatmap, HeatmapLegend } from "./Heatmap";
import { QueueDepth } from "./QueueDepth";
import { QueueTimings } from "./QueueTimings";
import { AssessmentProgressTable } from "./AssessmentProgressTable";
import "@/app/dashboard.css";
import { plural } from "@/lib/format/plural";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Class dashboard" };

/** `?assignment=<assignment id>`; an exercise id (old links) opens that exercise's first assignment. */
const QuerySchema = z.object({ assignment: z.string().max(200).optional() }).catch({});

export default async function DashboardPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/dashboard`);
  const { course } = await requirePageCourseAccess(user, slug, "view-dashboard");
  const query = QuerySchema.parse(await searchParams);
  const db = await getDb();
  const [data, queue, timings] = await Promise.all([getDashboardPageData(db, course, query.assignment), getQueueDepth(db), getCourseQueueTimings(db, course.id)]);
  const selected = data.selected;
  const base = `/courses/${course.slug}/manage/dashboard`;

  return (
    <div className="dashboard">
      <h1>Class dashboard</h1>
      <QueueDepth depth={queue} />
      <p className="dashboard-exports">
        <a className="button secondary small" href={`/api/courses/${course.slug}/export/gradebook`} download>
          Download gradebook (CSV)
        </a>{" "}
        <a className="button secondary small" href={`/api/courses/${course.slug}/export/submissions`} download>
          Download all submissions (CSV)
        </a>
      </p>
      <QueueTimings
        windows={[
          { label: "Last hour", timings: timings.lastHour },
          { label: "Last 7 days", timings: timings.lastWeek },
        ]}
      />
      {data.columns.length === 0 ? (
        <p className="card empty">No exercise is assigned in this course yet: the dashboard fills in once students submit.</p>
      ) : (
        <>
          <section aria-labelledby="assessments-title">
            <h2 id="assessments-title">Assessments</h2>
            <AssessmentProgressTable assessments={data.assessments} />
          </section>

          <section aria-labelledby="assignments-title">
            <h2 id="assignments-title">Exercises</h2>
            <div className="table-wrap">
              <table className="data-table" data-testid="assignment-summary">
                <thead>
                  <tr>
                    <th scope="col">Exercise</th>
                    <th scope="col">Solved</th>
                    <th scope="col">Attempted</th>
                    <th scope="col">Median attempts</th>
                    <th scope="col">Median time to full marks</th>
                  </tr>
                </thead>
                <tbody>
                  {data.summaries.map((summary) => (
                    <tr key={summary.assignmentId} aria-current={summary.assignmentId === selected?.summary.assignmentId ? "true" : undefined}>
                      <th scope="row">
                        <Link href={`${base}?assignment=${summary.assignmentId}#detail-title`}>{summary.label}</Link>
                      </th>
                      <td>
                        {formatShare(summary.solvedShare)} <span className="muted small">({summary.solved} of {summary.students})</span>
                      </td>
                      <td>{summary.attempted}</td>
                      <td>{summary.medianAttempts ?? "–"}</td>
                      <td>{summary.medianSecondsToFullMarks === null ? "–" : formatDuration(summary.medianSecondsToFullMarks)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {selected ? (
            <section aria-labelledby="detail-title" className="dashboard-detail">
              <div className="section-head">
                <h2 id="detail-title">{selected.summary.label}</h2>
                <form method="get" action={base} className="inline-form">
                  <label htmlFor="assignment-picker">Assignment</label>
                  <select id="assignment-picker" name="assignment" defaultValue={selected.summary.assignmentId}>
                    {data.columns.map((column) => (
                      <option key={column.id} value={column.id}>
                        {column.label}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="button small">
                    Show
                  </button>
                </form>
              </div>
              <p data-testid="assignment-facts">
                {formatShare(selected.summary.solvedShare)} solved ({selected.summary.solved} of {plural(selected.summary.students, "student")});{" "}
                {selected.summary.attempted} attempted.{" "}
                {selected.summary.medianSecondsToFullMarks === null
                  ? "Nobody has full marks yet."
                  : `Median time from first opening to full marks: ${formatDuration(selected.summary.medianSecondsToFullMarks)} (${selected.summary.timesMeasured} student${selected.summary.timesMeasured === 1 ? "" : "s"}${selected.summary.timesFromFirstSubmission > 0 ? `; for ${selected.summary.timesFromFirstSubmission} of them no first opening was recorded, so their time counts from their first submission` : ""}).`}
              </p>
              <div className="chart-grid">
                <DistributionChart
                  title="Score distribution"
                  summary="counted scores of the students with a graded attempt"
                  xLabel="Counted score"
                  yLabel="Students"
                  data={selected.summary.scoreDistribution}
                />
                <DistributionChart
                  title="Attempts per student"
                  summary="submit-mode attempts of the students who tried"
                  xLabel="Attempts"
                  yLabel="Students"
                  data={selected.summary.attemptsDistribution}
                />
              </div>
              <h3>Hidden tests that fail most</h3>
              {selected.failingBars.length === 0 ? (
                <p className="muted">
                  {selected.failures.tested === 0 ? "No graded attempt has run the hidden tests yet." : "Every student's latest attempt passes every hidden test."}
                </p>
              ) : (
                <>
                  <ul className="misconceptions" data-testid="misconceptions">
                    {selected.failures.groups.map((group) => (
                      <li key={group.misconception ?? "untagged"}>
                        <strong>{formatShare(group.share)}</strong> — {readableTag(group.misconception)}{" "}
                        <span className="muted small">
                          ({group.failing} of {plural(selected.failures.tested, "student")}; {plural(group.tests.length, "test")})
                        </span>
                      </li>
                    ))}
                  </ul>
                  <FailingTestsChart
                    title="Most-failed hidden tests"
                    summary={`share of the ${plural(selected.failures.tested, "student")} whose latest graded attempt fails each test`}
                    data={selected.failingBars}
                  />
                </>
              )}
            </section>
          ) : null}

          <section aria-labelledby="heatmap-title">
            <h2 id="heatmap-title">Scores by student</h2>
            <HeatmapLegend />
            {data.rows.length === 0 ? <p className="muted">No students are enrolled yet.</p> : <Heatmap slug={course.slug} data={data} />}
          </section>

          <section aria-labelledby="over-time-title">
            <h2 id="over-time-title">Submissions over time</h2>
            {data.overTime.length === 0 ? (
              <p className="muted">No submissions yet.</p>
            ) : (
              <SubmissionsOverTimeChart
                title="Submissions per day"
                summary={`time zone ${course.timeZone}`}
                selectedLabel={selected?.summary.label ?? "Selected assignment"}
                data={data.overTime}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}
