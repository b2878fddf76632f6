"use client";

import { Bar, BarChart, CartesianGrid, Label, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_COLOURS, ChartFigure } from "./ChartFigure";

export interface DistributionChartProps {
  title: string;
  summary?: string;
  xLabel: string;
  yLabel: string;
  data: Array<{ label: string; students: number }>;
}

/** Students per bucket (scores, attempts) as labelled bars: each bar carries its count as text. */
export function DistributionChart({ title, summary, xLabel, yLabel, data }: DistributionChartProps) {
  return (
    <ChartFigure title={title} summary={summary} table={{ columns: [xLabel, yLabel], rows: data.map((bucket) => [bucket.label, bucket.students]) }}>
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 480, height: 260 }}>
        <BarChart data={data} margin={{ top: 20, right: 12, bottom: 36, left: 12 }} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_COLOURS.grid} vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={50}>
            <Label value={xLabel} position="insideBottom" offset={-28} fill={CHART_COLOURS.text} />
          </XAxis>
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={44}>
            <Label value={yLabel} angle={-90} position="insideLeft" style={{ textAnchor: "middle" }} fill={CHART_COLOURS.text} />
          </YAxis>
          <Bar dataKey="students" fill={CHART_COLOURS.bar} isAnimationActive={false}>
            <LabelList dataKey="students" position="top" fill={CHART_COLOURS.text} fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
