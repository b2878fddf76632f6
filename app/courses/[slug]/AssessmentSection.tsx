import Link from "next/link";
import type { AssessmentView } from "@/lib/progress/course-overview";
import { assessmentProgressText, assessmentStateText } from "@/lib/progress/assessment-text";
import { formatDateTime } from "@/lib/courses/format-date";
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
        <StateMarker view={view} timeZone={timeZone} now={now} />
        {view.extended ? (
          <span className="marker-extended" data-testid="extended">
            extended for you (the course&apos;s due date: {formatDateTime(view.courseDueAt!, timeZone)})
          </span>
        ) : null}
        {staff ? <span className="muted"> · {view.attemptLimit === null ? "Unlimited attempts" : `${plural(view.attemptLimit, "attempt")} per exercise`}</span> : null}
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

/** Where the assessment stands: due date, opening, or a late/closed marker (the marker the course-dates test reads). */
export function StateMarker({ view, timeZone, now }: { view: AssessmentView; timeZone: string; now: Date }) {
  const text = assessmentStateText(view, timeZone, now);
  const late = view.state === "late" || view.state === "closed";
  return (
    <span className={`state state-${view.state}${late ? ` marker-${view.state}` : ""}`} data-testid={late ? "late-marker" : "assessment-state"}>
      {text}
    </span>
  );
}
