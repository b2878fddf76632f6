import Link from "next/link";
import type { AssessmentExerciseView } from "@/lib/progress/course-overview";
import { formatPoints } from "@/lib/progress/assessment-text";
import { kindLabel } from "@/lib/exercises/kinds";

const STATUS_LABEL = { not_started: "Not started", attempted: "Attempted", solved: "Solved", submitted: "Submitted" } as const;

/**
 * One exercise of an assessment as a student sees it: their status, best score, attempts and points.
 * Before the assessment opens the title is not a link (the exercise page refuses work until then).
 */
export function StudentAssignmentRow({ exercise, attemptLimit, linked }: { exercise: AssessmentExerciseView; attemptLimit: number | null; linked: boolean }) {
  const { progress } = exercise;
  return (
    <tr data-exercise-id={exercise.exerciseId}>
      <td data-label="Exercise">
        {linked ? <Link href={exercise.href}>{exercise.title}</Link> : <span>{exercise.title}</span>}
        <span className="badge">{kindLabel(exercise.kind)}</span>
        <span className="muted small"> {exercise.difficulty}</span>
      </td>
      <td data-label="Status">
        <span className={`status status-${progress.status}`}>{STATUS_LABEL[progress.status]}</span>
        {exercise.window.open === false && exercise.window.reason === "attempts_exhausted" ? <span className="marker small">No attempts left</span> : null}
      </td>
      <td data-label="Best score">{progress.score === null ? "–" : `${Math.round(progress.score * 100)} %`}</td>
      <td data-label="Attempts">
        {progress.attemptsUsed}
        {attemptLimit !== null ? ` / ${attemptLimit}` : ""}
      </td>
      <td data-label="Points">
        {exercise.earned === null ? "–" : formatPoints(exercise.earned)} / {exercise.points}
      </td>
    </tr>
  );
}
