import Link from "next/link";
import type { StaffCourseSummary } from "@/lib/progress/home-overview";
import { formatDateTimeFromNow } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";
import { roleLabel } from "@/lib/courses/role-label";

/** An instructor's or TA's course on the home page: the class, where to manage it, the next deadlines and the grading backlog. */
export function StaffCourseCard({ summary, now }: { summary: StaffCourseSummary; now: Date }) {
  const { course, role, students, assessments, dueNext, grading } = summary;
  const manage = `/courses/${course.slug}/manage`;
  return (
    <li className="card" data-testid="course-card" data-view="staff">
      <Link href={`/courses/${course.slug}`}>{course.title}</Link>
      <span className="badge">{roleLabel(role)}</span>
      <p className="small" data-testid="class-summary">
        {plural(students, "student")} · {plural(assessments, "assessment")}
      </p>
      <nav className="small manage-links" aria-label={`Manage ${course.title}`}>
        <Link href={manage}>Manage course</Link>
        <Link href={`${manage}/assessments`}>Assessments</Link>
        <Link href={`${manage}/roster`}>Roster</Link>
        <Link href={`${manage}/dashboard`}>Class dashboard</Link>
      </nav>
      <p className="small" data-testid="grading-queue">
        Grading: {grading.queued} waiting, {grading.running} running
      </p>
      {dueNext.length > 0 ? (
        <div className="small" data-testid="due-next">
          <strong>Next deadlines</strong>
          <ul>
            {dueNext.map((view) => (
              <li key={view.id}>
                <Link href={`/courses/${course.slug}/assessments/${view.id}`}>{view.title}</Link> — {formatDateTimeFromNow(view.dueAt!, course.timeZone, now)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="small muted">No deadline ahead.</p>
      )}
    </li>
  );
}
