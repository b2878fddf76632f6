import type { Curves } from "@/lib/submissions/curve";

const WIDTH = 420;
const HEIGHT = 160;
const PAD = 28;

/** The student's curve over the expected one, the first point where they part marked. */
export function CurveChart({ curves, title }: { curves: Curves; title: string }) {
  const values = [...curves.expected, ...curves.actual].filter(Number.isFinite);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / Math.max(1, curves.expected.length - 1);
  const y = (v: number) => HEIGHT - PAD - ((v - low) * (HEIGHT - 2 * PAD)) / span;
  const path = (series: number[]) =>
    series.map((v, i) => (Number.isFinite(v) ? `${i === 0 || !Number.isFinite(series[i - 1]!) ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}` : "")).join(" ");
  const parting = curves.firstDifference;
  const description =
    parting === null
      ? "Your values follow the expected curve."
      : `Your values part from the expected curve at index ${parting}: expected ${curves.expected[parting]}, got ${Number.isFinite(curves.actual[parting]!) ? curves.actual[parting] : "not a number"}.`;
  return (
    <figure className="curve">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${title}-t ${title}-d`}>
        <title id={`${title}-t`}>{`Expected and your values for ${title}`}</title>
        <desc id={`${title}-d`}>{description}</desc>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="axis" />
        <text x={4} y={PAD} className="tick">{high.toPrecision(3)}</text>
        <text x={4} y={HEIGHT - PAD} className="tick">{low.toPrecision(3)}</text>
        <path d={path(curves.expected)} className="expected" />
        <path d={path(curves.actual)} className="actual" />
        {parting !== null && Number.isFinite(curves.expected[parting]!) ? (
          <circle cx={x(parting)} cy={y(curves.expected[parting]!)} r={5} className="parting" />
        ) : null}
      </svg>
      <figcaption className="small">
        <span className="legend expected">— expected</span> <span className="legend actual">- - yours</span> · {description}
      </figcaption>
    </figure>
  );
}
