import type { EffectiveAccommodation } from "@/lib/accommodations";
import { formatDateTime } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";
import { accommodatedTimeLimit } from "@/lib/scoring/accommodation";

interface Props {
  rows: EffectiveAccommodation[];
  timeZone: string;
  caption: string;
}

/** Per assessment, what a student's accommodations come to: their due date, attempts, late penalty, time. */
export function EffectiveAccommodationsTable({ rows, timeZone, caption }: Props) {
  return (
    <div className="table-wrap">
      <table className="data-table stackable" data-testid="effective-accommodations">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Assessment</th>
            <th scope="col">Due</th>
            <th scope="col">Attempts</th>
            <th scope="col">Late penalty</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const timeLimit = accommodatedTimeLimit(row.timeLimitMinutes, { dueAt: null, extraAttempts: row.extraAttempts, waiveLatePenalty: row.waiveLatePenalty, timeMultiplier: row.timeMultiplier });
            return (
              <tr key={row.assessmentId}>
                <th scope="row" data-label="Assessment">
                  {row.assessmentTitle}
                </th>
                <td data-label="Due">
                  {row.effectiveDueAt ? formatDateTime(row.effectiveDueAt, timeZone) : "no due date"}
                  {row.extended && row.assessmentDueAt ? <span className="muted small"> (extended from {formatDateTime(row.assessmentDueAt, timeZone)})</span> : null}
                </td>
                <td data-label="Attempts">
                  {row.extraAttempts === 0
                    ? "as everyone"
                    : row.attemptLimit === null
                      ? `+${row.extraAttempts} (unlimited anyway)`
                      : `${row.attemptLimit + row.extraAttempts} per exercise (+${plural(row.extraAttempts, "extra attempt")})`}
                </td>
                <td data-label="Late penalty">{row.waiveLatePenalty ? "waived" : "as everyone"}</td>
                <td data-label="Time">
                  {row.timeMultiplier === null || row.timeMultiplier === 1
                    ? "as everyone"
                    : timeLimit === null
                      ? `×${row.timeMultiplier} on timed work`
                      : `${timeLimit} minutes instead of ${row.timeLimitMinutes} (×${row.timeMultiplier})`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
