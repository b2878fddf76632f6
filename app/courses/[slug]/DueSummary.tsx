import Link from "next/link";
import type { AssessmentView } from "@/lib/progress/course-overview";
import { assessmentProgressText } from "@/lib/progress/assessment-text";
import { formatDateTime, formatDateTimeFromNow } from "@/lib/courses/format-date";
import { latePenaltyRate } from "@/lib/scoring/late-policy-text";

/** Above a student's course page: what is late but still takes work, and what is due next, by assessment. */
export function DueSummary({ slug, timeZone, late, dueNext, now }: { slug: string; timeZone: string; late: AssessmentView[]; dueNext: AssessmentView[]; now: Date }) {
  const href = (view: AssessmentView) => `/courses/${slug}/assessments/${view.id}`;
  return (
    <div className="due-summary">
      {late.length > 0 ? (
        <section className="card due-late" aria-labelledby="late-heading" data-testid="late-summary">
          <h2 id="late-heading">Late</h2>
          <ul>
            {late.map((view) => (
              <li key={view.id}>
                <Link href={href(view)}>{view.title}</Link> — was due {formatDateTimeFromNow(view.dueAt!, timeZone, now)};{" "}
                {view.lateWaived ? "no penalty for you" : `loses ${latePenaltyRate(view.latePenaltyPerDay)}`}
                {view.lateCutoffAt ? `, until ${formatDateTime(view.lateCutoffAt, timeZone)}` : ""}
                <span className="muted"> · {assessmentProgressText(view.progress)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card due-next" aria-labelledby="due-next-heading" data-testid="due-next-summary">
        <h2 id="due-next-heading">Due next</h2>
        {dueNext.length === 0 ? (
          <p className="muted small">Nothing due ahead.</p>
        ) : (
          <ul>
            {dueNext.map((view) => (
              <li key={view.id}>
                <Link href={href(view)}>{view.title}</Link> — {formatDateTimeFromNow(view.dueAt!, timeZone, now)}
                {view.extended ? " (extended)" : ""}
                <span className="muted"> · {assessmentProgressText(view.progress)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
