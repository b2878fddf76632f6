import Link from "next/link";
import type { CourseAssignmentView } from "@/lib/progress/course-overview";
import { formatDateTime, formatDateTimeFromNow } from "@/lib/courses/format-date";
import { kindLabel } from "@/lib/exercises/kinds";
import { latePenaltyRate } from "@/lib/scoring/late-policy-text";

const STATUS_LABEL = { not_started: "Not started", attempted: "Attempted", solved: "Solved" } as const;

/** One assignment as a student sees it: their status, with a marker when it is not open, late or closed. */
export function StudentAssignmentRow({ slug, timeZone, assignment, now }: { slug: string; timeZone: string; assignment: CourseAssignmentView; now: Date }) {
  const { progress } = assignment;
  return (
    <tr data-exercise-id={assignment.exerciseId}>
      <td data-label="Exercise">
        <Link href={`/courses/${slug}/exercises/${assignment.exerciseId}`}>{assignment.title}</Link>
        <span className="badge">{kindLabel(assignment.kind)}</span>
        <span className="muted small"> {assignment.difficulty}</span>
      </td>
      <td data-label="Status">
        <span className={`status status-${progress.status}`}>{STATUS_LABEL[progress.status]}</span>
        <DeadlineMarker assignment={assignment} timeZone={timeZone} now={now} />
      </td>
      <td data-label="Best score">{progress.score === null ? "–" : `${Math.round(progress.score * 100)} %`}</td>
      <td data-label="Attempts">
        {progress.attemptsUsed}
        {assignment.attemptLimit ? ` / ${assignment.attemptLimit}` : ""}
      </td>
      <td data-label="Due">{assignment.dueAt ? formatDateTimeFromNow(assignment.dueAt, timeZone, now) : "No deadline"}</td>
    </tr>
  );
}

function DeadlineMarker({ assignment, timeZone, now }: { assignment: CourseAssignmentView; timeZone: string; now: Date }) {
  const { window, deadline, progress } = assignment;
  if (!window.open && window.reason === "not_open_yet" && assignment.opensAt) {
    return <span className="marker small">Opens {formatDateTimeFromNow(assignment.opensAt, timeZone, now)}</span>;
  }
  if (!window.open && window.reason === "attempts_exhausted") {
    return <span className="marker small">No attempts left</span>;
  }
  if (progress.status === "solved") return null;
  if (deadline === "late") {
    const until = assignment.lateCutoffAt ? ` until ${formatDateTime(assignment.lateCutoffAt, timeZone)}` : "";
    return (
      <span className="marker marker-late small" data-testid="late-marker">
        Past due — late work loses {latePenaltyRate(assignment.latePenaltyPerDay)}{until}
      </span>
    );
  }
  if (deadline === "closed") {
    return (
      <span className="marker marker-closed small" data-testid="late-marker">
        Past due — closed
      </span>
    );
  }
  return null;
}

