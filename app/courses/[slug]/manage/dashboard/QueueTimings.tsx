import type { QueueTimings as Timings, TimingFigure } from "@/lib/queue/timings";
import { formatLatency } from "@/lib/progress/format";
import { plural } from "@/lib/format/plural";

export interface TimingWindow {
  label: string;
  timings: Timings;
}

const STAGES = [
  { key: "queueWait", label: "Waiting for a grader" },
  { key: "grading", label: "Grading" },
  { key: "submitToGraded", label: "Submit → score" },
  { key: "submitToSeen", label: "Submit → seen by the student" },
] as const;

/** The median and 95th percentile of each stage of the course's code submissions, per window; "—" where none was measured. */
export function QueueTimings({ windows }: { windows: TimingWindow[] }) {
  return (
    <section aria-labelledby="timings-title" className="queue-timings" data-testid="queue-timings">
      <h2 id="timings-title">Feedback times</h2>
      <p className="muted small" id="timings-help">
        Code submissions of this course: median / 95th percentile.
      </p>
      <div className="table-wrap">
        <table className="data-table" aria-describedby="timings-help">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              {windows.map((window) => (
                <th scope="col" key={window.label}>
                  {window.label}
                  <span className="muted small"> ({plural(window.timings.submissions, "submission")})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STAGES.map((stage) => (
              <tr key={stage.key} data-stage={stage.key}>
                <th scope="row">{stage.label}</th>
                {windows.map((window) => (
                  <td key={window.label}>{spread(window.timings[stage.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** "120 ms / 1.3 s": a narrow cell breaks at the slash only, never between a number and its unit. */
function spread(figure: TimingFigure): string {
  const keep = (ms: number | null) => formatLatency(ms).replaceAll(" ", "\u00a0");
  return figure.count === 0 ? "—" : `${keep(figure.p50Ms)} / ${keep(figure.p95Ms)}`;
}
