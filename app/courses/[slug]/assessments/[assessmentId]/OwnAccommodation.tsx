import type { AssessmentView } from "@/lib/progress/course-overview";
import { formatDateTime } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";

/** What the student is granted on this assessment, in words; nothing when nothing is granted. */
export function OwnAccommodation({ view, timeZone }: { view: AssessmentView; timeZone: string }) {
  const grant = view.accommodation;
  if (!grant) return null;
  const lines: string[] = [];
  if (view.extended) lines.push(`Your due date is ${formatDateTime(view.dueAt!, timeZone)} (the course's is ${formatDateTime(view.courseDueAt!, timeZone)}).`);
  if (grant.extraAttempts > 0) lines.push(`${plural(grant.extraAttempts, "extra attempt")} per exercise${view.attemptLimit === null ? " (attempts are unlimited anyway)" : `: ${view.attemptLimit} in all`}.`);
  if (grant.waiveLatePenalty) lines.push("No late penalty for you: late work counts in full" + (view.lateCutoffAt ? ` until ${formatDateTime(view.lateCutoffAt, timeZone)}.` : "."));
  if (grant.timeMultiplier !== null && grant.timeMultiplier > 1) {
    lines.push(`Extra time on timed work: ×${grant.timeMultiplier}${view.timeLimitMinutes !== null ? ` (${plural(view.timeLimitMinutes, "minute")})` : ""}.`);
  }
  if (lines.length === 0) return null;
  return (
    <section className="card" aria-labelledby="own-accommodation-heading" data-testid="own-accommodation">
      <h2 id="own-accommodation-heading">Your accommodation</h2>
      <ul className="rules">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
