import type { ReactNode } from "react";

export interface ChartTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

/** A chart with its title, a one-line reading of it, and the same data as a table for anyone who cannot see the chart. */
export function ChartFigure({ title, summary, table, children }: { title: string; summary?: string; table: ChartTable; children: ReactNode }) {
  return (
    <figure className="chart">
      <figcaption>
        <strong>{title}</strong>
        {summary ? <span className="muted small"> — {summary}</span> : null}
      </figcaption>
      {/* The table below carries the data for assistive technology; the drawing is decoration for them. */}
      <div className="chart-canvas" aria-hidden="true">
        {children}
      </div>
      <details className="chart-data">
        <summary>Data table: {title}</summary>
        <table>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export const CHART_COLOURS = { bar: "#c2410c", second: "#1c5d99", grid: "#dfe2e6", text: "#1d232b" } as const;
