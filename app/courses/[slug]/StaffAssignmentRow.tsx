import Link from "next/link";
import type { AssessmentExerciseView } from "@/lib/progress/course-overview";
import { kindLabel } from "@/lib/exercises/kinds";

/** One exercise of an assessment as its instructors and TAs see it: what it is and what it is worth, no personal progress. */
export function StaffAssignmentRow({ exercise }: { exercise: AssessmentExerciseView }) {
  return (
    <tr data-exercise-id={exercise.exerciseId}>
      <td data-label="Exercise">
        <Link href={exercise.href}>{exercise.title}</Link>
      </td>
      <td data-label="Kind">
        {kindLabel(exercise.kind)} <span className="muted small">{exercise.difficulty}</span>
      </td>
      <td data-label="Points">{exercise.points}</td>
    </tr>
  );
}
