import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";
import { formatShare } from "@/lib/progress/format";
import { listQueueFilterChoices, listRegradeQueue, QueueFiltersSchema, type QueueEntry } from "@/lib/regrade-requests";
import "@/app/regrade-requests.css";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Regrade requests" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
const STATUS_LABELS = { open: "Open", resolved: "Resolved", all: "All" } as const;

export default async function RegradeQueuePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/regrade-requests`);
  const { course } = await requirePageCourseAccess(user, slug, "view-dashboard");
  const filters = QueueFiltersSchema.parse({ status: first(query.status), assessment: first(query.assessment), exercise: first(query.exercise), student: first(query.student) });
  const db = await getDb();
  const [{ entries, total }, choices] = await Promise.all([listRegradeQueue(db, course.id, filters), listQueueFilterChoices(db, course.id)]);
  const base = `/courses/${course.slug}/manage/regrade-requests`;

  return (
    <>
      <h1>Regrade requests</h1>
      <p>
        Students ask for a review of a graded Submit from its exercise page. Open a request to read the Submit and answer it, with a new score if
        you decide on one (it replaces the grader&apos;s score and is kept in the audit). Times are in {course.timeZone}.
      </p>
      <form method="get" action={base} className="regrade-filters card" aria-label="Filter requests">
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filters.status}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-assessment">Assessment</label>
          <select id="filter-assessment" name="assessment" defaultValue={filters.assessment ?? ""}>
            <option value="">Any assessment</option>
            {choices.assessments.map((assessment) => (
              <option key={assessment.id} value={assessment.id}>
                {assessment.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-exercise">Exercise</label>
          <select id="filter-exercise" name="exercise" defaultValue={filters.exercise ?? ""}>
            <option value="">Any exercise</option>
            {choices.exercises.map((exercise) => (
              <option key={exercise.id} value={exercise.id}>
                {exercise.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-student">Student</label>
          <input id="filter-student" name="student" type="search" maxLength={200} defaultValue={filters.student ?? ""} placeholder="name or email" />
        </div>
        <div className="form-actions">
          <button className="button" type="submit">
            Filter
          </button>
        </div>
      </form>

      <section aria-labelledby="queue-title">
        <h2 id="queue-title" data-testid="queue-count">
          {filters.status === "all" ? "All requests" : `${STATUS_LABELS[filters.status]} requests`} ({total})
        </h2>
        {entries.length < total ? <p className="muted small">The first {entries.length} are shown: narrow the filters to see the rest.</p> : null}
        {entries.length === 0 ? (
          <p className="card empty">No request matches.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stackable" data-testid="regrade-queue">
              <caption className="visually-hidden">Regrade requests, open ones first, the longest waiting first</caption>
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  <th scope="col">Exercise</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Status</th>
                  <th scope="col">Score</th>
                  <th scope="col">Request</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <QueueRow key={entry.id} entry={entry} href={`${base}/${entry.id}`} timeZone={course.timeZone} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">{plural(total, "request")} in this view.</p>
      </section>
    </>
  );
}

function QueueRow({ entry, href, timeZone }: { entry: QueueEntry; href: string; timeZone: string }) {
  const excerpt = entry.message.length > 120 ? `${entry.message.slice(0, 117)}…` : entry.message;
  return (
    <tr data-request-id={entry.id} data-status={entry.status}>
      <td data-label="Student">
        {entry.student.name} <span className="muted small">{entry.student.email}</span>
      </td>
      <td data-label="Exercise">
        {entry.exercise.title} <span className="muted small">({entry.assessment.title})</span>
      </td>
      <td data-label="Asked">{formatDateTime(entry.createdAt, timeZone)}</td>
      <td data-label="Status">
        {entry.status === "open" ? "Open" : `Resolved${entry.resolverName ? ` by ${entry.resolverName}` : ""}${entry.resolvedAt ? ` on ${formatDateTime(entry.resolvedAt, timeZone)}` : ""}`}
      </td>
      <td data-label="Score">
        {entry.status === "resolved" && entry.previousScore !== entry.newScore
          ? `${entry.previousScore === null ? "–" : formatShare(entry.previousScore)} → ${entry.newScore === null ? "–" : formatShare(entry.newScore)}`
          : entry.score === null
            ? "–"
            : formatShare(entry.score)}
      </td>
      <td data-label="Request">
        <Link href={href}>
          {entry.status === "open" ? "Answer" : "Read"}
          <span className="visually-hidden">
            {" "}
            the request of {entry.student.name} on {entry.exercise.title}
          </span>
        </Link>
        <div className="muted small regrade-message">{excerpt}</div>
      </td>
    </tr>
  );
}
