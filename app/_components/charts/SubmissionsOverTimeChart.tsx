"use client";

import { CartesianGrid, Label, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_COLOURS, ChartFigure } from "./ChartFigure";

export interface SubmissionsOverTimeChartProps {
  title: string;
  summary?: string;
  /** The selected assignment's name, drawn dashed next to the course total. */
  selectedLabel: string;
  data: Array<{ day: string; total: number; selected: number }>;
}

/** Submissions per day: the course total (solid, round points) and one assignment (dashed, square points). */
export function SubmissionsOverTimeChart({ title, summary, selectedLabel, data }: SubmissionsOverTimeChartProps) {
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={{ columns: ["Day", "All assignments", selectedLabel], rows: data.map((row) => [row.day, row.total, row.selected]) }}
    >
      <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 640, height: 280 }}>
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 36, left: 12 }} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_COLOURS.grid} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24}>
            <Label value="Day (course time zone)" position="insideBottom" offset={-24} fill={CHART_COLOURS.text} />
          </XAxis>
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44}>
            <Label value="Submissions" angle={-90} position="insideLeft" style={{ textAnchor: "middle" }} fill={CHART_COLOURS.text} />
          </YAxis>
          <Legend verticalAlign="top" height={28} />
          <Line type="monotone" dataKey="total" name="All assignments" stroke={CHART_COLOURS.bar} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey="selected"
            name={selectedLabel}
            stroke={CHART_COLOURS.second}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={{ r: 3, strokeDasharray: "" }}
            legendType="rect"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
