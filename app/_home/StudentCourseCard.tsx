import Link from "next/link";
import type { StudentCourseSummary } from "@/lib/progress/home-overview";
import { formatDateTimeFromNow } from "@/lib/courses/format-date";
import { latePenaltyRate } from "@/lib/scoring/late-policy-text";

/** A student's course on the home page: their progress, what is overdue and what is due next. */
export function StudentCourseCard({ summary, now }: { summary: StudentCourseSummary; now: Date }) {
  const { course, role, counts, dueNext, overdue } = summary;
  const exerciseHref = (exerciseId: string) => `/courses/${course.slug}/exercises/${exerciseId}`;
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
            {overdue.map((assignment) => (
              <li key={assignment.exerciseId}>
                <Link href={exerciseHref(assignment.exerciseId)}>{assignment.title}</Link> — was due{" "}
                {formatDateTimeFromNow(assignment.dueAt!, course.timeZone, now)}; loses {latePenaltyRate(assignment.latePenaltyPerDay)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {dueNext.length > 0 ? (
        <div className="small" data-testid="due-next">
          <strong>Due next</strong>
          <ul>
            {dueNext.map((assignment) => (
              <li key={assignment.exerciseId}>
                <Link href={exerciseHref(assignment.exerciseId)}>{assignment.title}</Link> —{" "}
                {formatDateTimeFromNow(assignment.dueAt!, course.timeZone, now)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
