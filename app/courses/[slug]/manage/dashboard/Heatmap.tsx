import Link from "next/link";
import type { DashboardPageData, HeatmapCell } from "@/lib/progress/dashboard-page";
import { plural } from "@/lib/format/plural";

const SYMBOL = { solved: "✓", attempted: "◐", pending: "…", not_started: "○" } as const;
const STATUS_TEXT = { solved: "solved", attempted: "attempted", pending: "attempted, not graded yet", not_started: "not started" } as const;

function kindOf(cell: HeatmapCell): keyof typeof SYMBOL {
  if (cell.status === "attempted" && cell.score === null) return "pending";
  return cell.status;
}

/**
 * Students × exercises grouped by assessment (the assessment's title over its exercises' columns), the
 * counted score in each cell as text, colour band and symbol (readable without colour).
 */
export function Heatmap({ slug, data }: { slug: string; data: Pick<DashboardPageData, "columns" | "rows" | "groups"> }) {
  const maxTotal = data.columns.reduce((sum, column) => sum + column.points, 0);
  return (
    <div className="heatmap-scroll" role="region" aria-label="Scores by student, table" tabIndex={0}>
      <table className="heatmap" data-testid="heatmap">
        <caption className="visually-hidden">Counted score of each student on each exercise, by assessment, with the number of attempts</caption>
        <colgroup>
          <col />
        </colgroup>
        {data.groups.map((group) => (
          <colgroup key={group.assessmentId} span={group.span} className="heatmap-group" />
        ))}
        <colgroup>
          <col />
        </colgroup>
        <thead>
          <tr className="heatmap-groups">
            <th scope="col" rowSpan={2} className="heatmap-student">
              Student
            </th>
            {data.groups.map((group) => (
              <th key={group.assessmentId} scope="colgroup" colSpan={group.span} className="heatmap-group-head" title={`${group.title} (${group.points} points)`} data-assessment={group.assessmentId}>
                <span className="heatmap-group-title">{group.title}</span>
              </th>
            ))}
            <th scope="col" rowSpan={2}>
              Total /{maxTotal}
            </th>
          </tr>
          <tr className="heatmap-exercises">
            {data.columns.map((column, index) => (
              <th
                key={column.id}
                scope="col"
                title={`${column.title} (${column.points} points)`}
                className={index > 0 && data.columns[index - 1]!.assessmentId !== column.assessmentId ? "group-start" : undefined}
              >
                <span className="heatmap-col">{column.title}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.userId}>
              <th scope="row" className="heatmap-student">
                <Link href={`/courses/${slug}/manage/students/${row.userId}`}>{row.name}</Link>
              </th>
              {row.cells.map((cell, index) => {
                const kind = kindOf(cell);
                const band = cell.score === null ? "none" : String(Math.min(10, Math.floor(cell.score * 10 + 1e-9)));
                const column = data.columns[index]!;
                const text = cell.score === null ? "–" : `${Math.round(cell.score * 100)}%`;
                const detail = `${row.name}, ${column.label}: ${STATUS_TEXT[kind]}${cell.points !== null ? `, ${cell.points} of ${column.points} points` : ""}, ${plural(cell.attempts, "attempt")}`;
                const groupStart = index > 0 && data.columns[index - 1]!.assessmentId !== column.assessmentId ? " group-start" : "";
                return (
                  <td key={column.id} className={`heat heat-${band} heat-${kind}${groupStart}`} title={detail} data-exercise={column.exerciseId} data-assignment={column.id}>
                    <span className="heat-symbol" aria-hidden="true">
                      {SYMBOL[kind]}
                    </span>
                    <span className="heat-score">{text}</span>
                    <span className="visually-hidden">
                      {" "}
                      {STATUS_TEXT[kind]}, {plural(cell.attempts, "attempt")}
                    </span>
                  </td>
                );
              })}
              <td className="heat-total">{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HeatmapLegend() {
  return (
    <ul className="heatmap-legend small" aria-label="Legend">
      <li>
        <span className="heat heat-10 heat-solved">✓</span> solved (full marks counted)
      </li>
      <li>
        <span className="heat heat-5 heat-attempted">◐</span> attempted: the counted score in %, darker is higher
      </li>
      <li>
        <span className="heat heat-none heat-pending">…</span> attempted, not graded yet
      </li>
      <li>
        <span className="heat heat-none heat-not_started">○</span> not started
      </li>
    </ul>
  );
}
