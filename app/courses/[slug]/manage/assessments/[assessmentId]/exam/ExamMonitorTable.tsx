import Link from "next/link";
import { formatDateTime } from "@/lib/courses/format-date";
import { EXAM_STATUS_LABELS } from "@/lib/exams/exam-status";
import { formatClock } from "@/lib/exams/format";
import type { ExamMonitorRow } from "@/lib/exams/monitor";

type Props = { rows: ExamMonitorRow[]; timeZone: string; logBase: string };

/** The time limit as the student has it: "30 min (1.5×)". */
export function describeLimit(row: Pick<ExamMonitorRow, "minutes" | "multiplier">): string {
  if (row.minutes === null) return "no limit";
  return row.multiplier !== null && row.multiplier !== 1 ? `${row.minutes} min (${row.multiplier}×)` : `${row.minutes} min`;
}

/** Every student's line on the exam monitor: a table that stacks on a phone. */
export function ExamMonitorTable({ rows, timeZone, logBase }: Props) {
  if (rows.length === 0) return <p className="card empty">The course has no students yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table stackable" data-testid="exam-monitor">
        <caption className="visually-hidden">Students on this timed assessment</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Deadline</th>
            <th scope="col">Time left</th>
            <th scope="col">Focus lost</th>
            <th scope="col">Saves</th>
            <th scope="col">Submits</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.userId} data-user-id={row.userId} data-email={row.email}>
              <td data-label="Student">
                <Link href={`${logBase}/${row.userId}`}>{row.name}</Link>
                <div className="muted small">{row.email}</div>
              </td>
              <td data-label="Status">
                {EXAM_STATUS_LABELS[row.status]}
                {row.counts.secondSignIns > 0 ? <div className="muted small">signed in again {row.counts.secondSignIns}×</div> : null}
              </td>
              <td data-label="Started">{row.startedAt ? formatDateTime(row.startedAt, timeZone) : "—"}</td>
              <td data-label="Deadline">
                {row.deadline ? formatDateTime(row.deadline, timeZone) : "—"}
                <div className="muted small">{describeLimit(row)}</div>
              </td>
              <td data-label="Time left">{row.remainingMs === null ? "—" : formatClock(row.remainingMs)}</td>
              <td data-label="Focus lost">{row.counts.focusLost}</td>
              <td data-label="Saves">{row.counts.saves}</td>
              <td data-label="Submits">{row.counts.submits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
