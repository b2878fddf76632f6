import type { AssessmentProgress } from "@/lib/progress/assessment-progress";
import { formatShare } from "@/lib/progress/format";
import { plural } from "@/lib/format/plural";
import { ScrollRegion } from "@/app/_components/ScrollRegion";

/** Per assessment: how many students have submitted to every exercise of it (done), to some (started), to none. */
export function AssessmentProgressTable({ assessments }: { assessments: AssessmentProgress[] }) {
  return (
    <ScrollRegion label="Progress per assessment">
      <table className="data-table" data-testid="assessment-progress">
        <caption className="visually-hidden">Students done (a Submit on every exercise), started (on some) and not started, per assessment</caption>
        <thead>
          <tr>
            <th scope="col">Assessment</th>
            <th scope="col">Done</th>
            <th scope="col">Started</th>
            <th scope="col">Not started</th>
          </tr>
        </thead>
        <tbody>
          {assessments.map((entry) => (
            <tr key={entry.assessmentId} data-assessment-id={entry.assessmentId}>
              <th scope="row">
                {entry.title}{" "}
                <span className="muted small">
                  ({plural(entry.exercises, "exercise")}, {plural(entry.points, "point")})
                </span>
              </th>
              <td data-label="Done">
                {entry.done} <span className="muted small">({entry.students === 0 ? "–" : formatShare(entry.done / entry.students)})</span>
              </td>
              <td data-label="Started">{entry.started}</td>
              <td data-label="Not started">{entry.notStarted}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Done: a Submit on every exercise of the assessment; started: on some of them.</p>
    </ScrollRegion>
  );
}
