/** What every drawn figure shares: the picture's size and margins, the value-to-pixel frame, and the axes. */
export const WIDTH = 440;
export const HEIGHT = 210;
/** The narrowest left margin; a longer y tick label ("0.003125") widens it so that it is not cut off. */
const MIN_LEFT = 48;
/** An upper bound on one character's width in the 10 px tick font (digits are about 5.6 px wide). */
export const TICK_CHAR_WIDTH = 6.5;
/** Room between a y tick label's end and the axis, and between its start and the picture's edge. */
const TICK_GAP = 4;
export const RIGHT = 14;
/** Where the y axis' name starts, on the top line. */
export const Y_LABEL_X = 4;
/** An upper bound on one character's width in the 11 px bold label font. */
export const LABEL_CHAR_WIDTH = 7.5;
export const TOP = 22;
export const BOTTOM = 38;

export interface Frame {
  /** The drawn x position of point i (placed by its x value). */
  x: (i: number) => number;
  y: (v: number) => number;
  low: number;
  high: number;
  /** The x value of every point: the first and last are the x axis' ticks. */
  xValues: number[];
  /** The y axis' position: wide enough for the longest y tick label. */
  left: number;
}

export const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : "not a number");

export function frameOf(values: number[], xValues: number[]): Frame {
  const finite = values.filter(Number.isFinite);
  const low = finite.length ? Math.min(...finite) : 0;
  const high = finite.length ? Math.max(...finite) : 1;
  const span = high - low || 1;
  const longest = Math.max(fmt(low).length, fmt(high).length);
  const left = Math.max(MIN_LEFT, Math.ceil(longest * TICK_CHAR_WIDTH) + 2 * TICK_GAP);
  const first = xValues[0] ?? 0;
  const xSpan = (xValues[xValues.length - 1] ?? 0) - first;
  return {
    x: (i) => left + (xSpan > 0 ? ((xValues[i] ?? i) - first) / xSpan : i / Math.max(1, xValues.length - 1)) * (WIDTH - left - RIGHT),
    y: (v) => HEIGHT - BOTTOM - ((v - low) * (HEIGHT - TOP - BOTTOM)) / span,
    low,
    high,
    xValues,
    left,
  };
}

export const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

export function pathOf(frame: Frame, series: number[]): string {
  return series
    .map((v, i) => (Number.isFinite(v) ? `${i === 0 || !Number.isFinite(series[i - 1]!) ? "M" : "L"}${frame.x(i).toFixed(1)},${frame.y(v).toFixed(1)}` : ""))
    .join(" ");
}

/** Axes with the lowest and highest value, the first and last x value, and the axis names. */
export function Axes({ frame, xLabel, yLabel }: { frame: Frame; xLabel: string; yLabel: string }) {
  const last = frame.xValues.length - 1;
  return (
    <g aria-hidden="true">
      <line x1={frame.left} y1={HEIGHT - BOTTOM} x2={WIDTH - RIGHT} y2={HEIGHT - BOTTOM} className="axis" />
      <line x1={frame.left} y1={TOP} x2={frame.left} y2={HEIGHT - BOTTOM} className="axis" />
      <text x={frame.left - TICK_GAP} y={frame.y(frame.high) + 4} className="tick" textAnchor="end">{fmt(frame.high)}</text>
      <text x={frame.left - TICK_GAP} y={frame.y(frame.low) + 4} className="tick" textAnchor="end">{fmt(frame.low)}</text>
      <text x={frame.x(0)} y={HEIGHT - BOTTOM + 14} className="tick" textAnchor="middle">{fmt(frame.xValues[0] ?? 0)}</text>
      <text x={frame.x(last)} y={HEIGHT - BOTTOM + 14} className="tick" textAnchor="middle">{fmt(frame.xValues[last] ?? last)}</text>
      <text x={(frame.left + WIDTH - RIGHT) / 2} y={HEIGHT - 6} className="axis-label" textAnchor="middle">{xLabel}</text>
      <text x={Y_LABEL_X} y={12} className="axis-label">{yLabel}</text>
    </g>
  );
}
