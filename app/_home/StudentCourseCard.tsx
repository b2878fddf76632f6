import Link from "next/link";
import type { StudentCourseSummary } from "@/lib/progress/home-overview";
import type { AssessmentView } from "@/lib/progress/course-overview";
import { formatDateTimeFromNow } from "@/lib/courses/format-date";
import { latePenaltyRate } from "@/lib/scoring/late-policy-text";

/** A student's course on the home page: their progress, and by assessment what is overdue and what is due next. */
export function StudentCourseCard({ summary, now }: { summary: StudentCourseSummary; now: Date }) {
  const { course, role, counts, dueNext, overdue } = summary;
  const assessmentHref = (view: AssessmentView) => `/courses/${course.slug}/assessments/${view.id}`;
  return (
    <li className="card" data-testid="course-card" data-view="student">
      <Link href={`/courses/${course.slug}`}>{course.title}</Link>
      <span className="badge">{role}</span>
      {course.description ? <p className="muted">{course.description}</p> : null}
      <p className="small" data-testid="progress">
        <span className="status status-solved">{counts.solved} solved</span> ·{" "}
        <span className="status status-attempted">{counts.attempted} attempted</span> ·{" "}
        <span className="status status-not_started">{counts.notStarted} not started</span>
      </p>
      {overdue.length > 0 ? (
        <div className="small" data-testid="overdue">
          <strong>Overdue — late work still accepted</strong>
          <ul>
            {overdue.map((view) => (
              <li key={view.id}>
                <Link href={assessmentHref(view)}>{view.title}</Link> — was due {formatDateTimeFromNow(view.dueAt!, course.timeZone, now)};{" "}
                {view.lateWaived ? "no late penalty for you" : `loses ${latePenaltyRate(view.latePenaltyPerDay)}`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {dueNext.length > 0 ? (
        <div className="small" data-testid="due-next">
          <strong>Due next</strong>
          <ul>
            {dueNext.map((view) => (
              <li key={view.id}>
                <Link href={assessmentHref(view)}>{view.title}</Link> — {formatDateTimeFromNow(view.dueAt!, course.timeZone, now)}
                {view.extended ? " (extended)" : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
