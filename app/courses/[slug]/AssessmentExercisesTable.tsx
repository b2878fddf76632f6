import type { AssessmentView } from "@/lib/progress/course-overview";
import { StaffAssignmentRow } from "./StaffAssignmentRow";
import { StudentAssignmentRow } from "./StudentAssignmentRow";

const STUDENT_COLUMNS = ["Exercise", "Status", "Best score", "Attempts", "Points"];
const STAFF_COLUMNS = ["Exercise", "Kind", "Points"];

/**
 * The exercises of an assessment in order: a student's own status, score, attempts and points, or for
 * staff what each is and is worth. A student gets no links before the assessment opens.
 */
export function AssessmentExercisesTable({ view, staff }: { view: AssessmentView; staff: boolean }) {
  if (view.exercises.length === 0) return <p className="hint">No exercises in this assessment yet.</p>;
  const linked = staff || view.state !== "not_open";
  return (
    <div className="table-wrap">
      <table className="assignments stacked">
        <caption className="visually-hidden">Exercises of {view.title}</caption>
        <thead>
          <tr>
            {(staff ? STAFF_COLUMNS : STUDENT_COLUMNS).map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.exercises.map((exercise) =>
            staff ? (
              <StaffAssignmentRow key={exercise.assignmentId} exercise={exercise} />
            ) : (
              <StudentAssignmentRow key={exercise.assignmentId} exercise={exercise} attemptLimit={view.attemptLimit} linked={linked} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
