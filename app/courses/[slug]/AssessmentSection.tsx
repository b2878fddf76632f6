import Link from "next/link";
import type { AssessmentView } from "@/lib/progress/course-overview";
import { assessmentProgressText, assessmentStateText } from "@/lib/progress/assessment-text";
import { formatDateTime, formatDateTimeFromNow } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";
import { AssessmentExercisesTable } from "./AssessmentExercisesTable";

/**
 * One assessment on the course page: its title (linking to its page), category, due date and state, the
 * student's progress on it, and its exercises. Staff see the assessment's own dates and rules instead.
 */
export function AssessmentSection({ slug, timeZone, view, staff, now }: { slug: string; timeZone: string; view: AssessmentView; staff: boolean; now: Date }) {
  const headingId = `assessment-${view.id}`;
  const href = `/courses/${slug}/assessments/${view.id}`;
  return (
    <section className="assessment" aria-labelledby={headingId} data-assessment-id={view.id}>
      <h2 id={headingId}>
        <Link href={href}>{view.title}</Link>
      </h2>
      <p className="assessment-meta small">
        {view.category ? <span className="badge category">{view.category}</span> : null}
        <AssessmentDates view={view} timeZone={timeZone} now={now} />
        {staff ? <span className="muted">{view.attemptLimit === null ? "Unlimited attempts" : `${plural(view.attemptLimit, "attempt")} per exercise`}</span> : null}
      </p>
      {staff ? null : (
        <p className="small" data-testid="assessment-progress">
          {assessmentProgressText(view.progress)}
        </p>
      )}
      <AssessmentExercisesTable view={view} staff={staff} />
    </section>
  );
}

/**
 * An assessment's due date (the viewer's own) and, when it matters, where it stands: not open yet, past due
 * and taking late work, or closed. The late and closed markers carry the test id the date tests read.
 */
export function AssessmentDates({ view, timeZone, now }: { view: AssessmentView; timeZone: string; now: Date }) {
  const late = view.state === "late" || view.state === "closed";
  return (
    <>
      <span data-testid="due">{view.dueAt ? `Due ${formatDateTimeFromNow(view.dueAt, timeZone, now)}` : "No deadline"}</span>
      {view.extended ? (
        <span className="marker-extended" data-testid="extended">
          extended for you (the course&apos;s due date: {formatDateTime(view.courseDueAt!, timeZone)})
        </span>
      ) : null}
      {view.state === "not_open" || late ? (
        <span className={`state state-${view.state}`} data-testid={late ? "late-marker" : "assessment-state"}>
          {assessmentStateText(view, timeZone, now)}
        </span>
      ) : null}
    </>
  );
}
