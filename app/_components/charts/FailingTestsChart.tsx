"use client";

import { Bar, BarChart, CartesianGrid, Label, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CHART_COLOURS, ChartFigure } from "./ChartFigure";

export interface FailingTestsChartProps {
  title: string;
  summary?: string;
  /** Most-failed first; `label` reads like "40% — no bias correction (bias step 1)". */
  data: Array<{ label: string; share: number; failing: number; tested: number }>;
}

const ROW = 44;

/** Horizontal bars, one per hidden test, with the share and the test's meaning written above each bar. */
export function FailingTestsChart({ title, summary, data }: FailingTestsChartProps) {
  const rows = data.map((row, index) => ({ ...row, key: `t${index}`, percent: Math.round(row.share * 100) }));
  return (
    <ChartFigure
      title={title}
      summary={summary}
      table={{ columns: ["Hidden test", "Students failing", "Of", "Share"], rows: rows.map((row) => [row.label, row.failing, row.tested, `${row.percent} %`]) }}
    >
      <ResponsiveContainer width="100%" height={rows.length * ROW + 60} initialDimension={{ width: 480, height: rows.length * ROW + 60 }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 28, left: 8 }} barCategoryGap={18} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_COLOURS.grid} horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" tick={{ fontSize: 11 }}>
            <Label value="Students whose latest attempt fails the test" position="insideBottom" offset={-20} fill={CHART_COLOURS.text} />
          </XAxis>
          <YAxis type="category" dataKey="key" hide />
          <Bar dataKey="percent" fill={CHART_COLOURS.bar} isAnimationActive={false} minPointSize={2}>
            <LabelList
              dataKey="label"
              content={(props) => {
                const { x, y, value } = props as { x?: number | string; y?: number | string; value?: string | number };
                return (
                  <text x={Number(x)} y={Number(y) - 5} fontSize={12} fill={CHART_COLOURS.text}>
                    {value}
                  </text>
                );
              }}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
