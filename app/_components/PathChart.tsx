import { useId } from "react";
import type { PathFigure, Points } from "@/lib/submissions/curve";
import { Axes, fmt, frameOf, HEIGHT, LABEL_CHAR_WIDTH, RIGHT, TOP, WIDTH, Y_LABEL_X } from "./chart-frame";

const inRange = (v: number, low: number, high: number) => Number.isFinite(v) && v >= low && v <= high;

/** The function's curve with the expected positions (circles) and the student's (squares) on it, the first parting ringed. */
export function PathChart({ path, title }: { path: PathFigure; title: string }) {
  const id = useId();
  const xs = path.curve.x.filter(Number.isFinite);
  const xLow = xs.length ? Math.min(...xs) : 0;
  const xHigh = xs.length ? Math.max(...xs) : 1;
  // The axes span the sampled curve: a student's path that runs off to 1e30 must not flatten the picture.
  // Heights span the curve and every position over its x range: a position at a minimum between two
  // samples lies a little below the lowest sample, and must still be drawn.
  const onRange = (points: Points | null) => (points ? points.y.filter((_, i) => inRange(points.x[i]!, xLow, xHigh)) : []);
  const frame = frameOf([...path.curve.y, ...onRange(path.expected), ...onRange(path.actual)], [xLow, xHigh]);
  const px = (v: number) => frame.left + ((v - xLow) / (xHigh - xLow || 1)) * (WIDTH - frame.left - RIGHT);
  const inside = (points: Points, i: number) => inRange(points.x[i]!, xLow, xHigh) && inRange(points.y[i]!, frame.low, frame.high);
  const curveLine = path.curve.x
    .map((x, i) => (inside(path.curve, i) ? `${i === 0 || !inside(path.curve, i - 1) ? "M" : "L"}${px(x).toFixed(1)},${frame.y(path.curve.y[i]!).toFixed(1)}` : ""))
    .join(" ");
  const dots = (points: Points) => points.x.map((_, i) => i).filter((i) => inside(points, i));
  const off = path.actual ? path.actual.x.length - dots(path.actual).length : 0;
  const description = `${describePaths(path)}${off > 0 ? ` ${off} of your positions lie off the drawn range and are not drawn.` : ""}`;
  const parting = path.firstDifference;
  const partingAt = parting !== null && parting < path.expected.x.length && inside(path.expected, parting) ? parting : null;
  const partingLabel = parting !== null ? `parts at step ${parting}` : "";
  const partingX = Math.max(Y_LABEL_X + path.yLabel.length * LABEL_CHAR_WIDTH + 8, WIDTH - RIGHT - partingLabel.length * LABEL_CHAR_WIDTH);
  return (
    <figure className="curve" data-testid="path-chart" data-parting={parting ?? "none"}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{`Expected and your positions on ${path.yLabel} for ${title}`}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <Axes frame={frame} xLabel={path.xLabel} yLabel={path.yLabel} />
        <path d={curveLine} className="shared" />
        {dots(path.expected).map((i) => (
          <circle key={`e${i}`} cx={px(path.expected.x[i]!)} cy={frame.y(path.expected.y[i]!)} r={3} className="expected-point" data-step={i} />
        ))}
        {path.actual
          ? dots(path.actual).map((i) => (
              <rect key={`a${i}`} x={px(path.actual!.x[i]!) - 3} y={frame.y(path.actual!.y[i]!) - 3} width={6} height={6} className="actual-point" data-step={i} />
            ))
          : null}
        {parting !== null ? (
          <g className="parting">
            {partingAt !== null ? <circle cx={px(path.expected.x[partingAt]!)} cy={frame.y(path.expected.y[partingAt]!)} r={7} /> : null}
            <text x={partingX} y={TOP - 6} className="parting-label">
              {partingLabel}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption className="small">
        <span className="legend shared"><span aria-hidden="true">— </span>{path.yLabel}</span>{" "}
        <span className="legend expected"><span aria-hidden="true">● </span>expected positions</span>{" "}
        <span className="legend actual"><span aria-hidden="true">□ </span>yours</span>
        {parting !== null ? <span className="legend parting"> <span aria-hidden="true">◯ </span>first difference</span> : null} · {description}
      </figcaption>
    </figure>
  );
}

/** The paths in words: where each starts and ends, and where they first part. */
function describePaths(path: PathFigure): string {
  const name = path.xLabel;
  const ends = (points: Points) => `starts at ${name} = ${fmt(points.x[0]!)} and ends at ${name} = ${fmt(points.x[points.x.length - 1]!)} after ${points.x.length - 1} steps`;
  const expected = `The expected path ${ends(path.expected)}.`;
  if (!path.actual) return `${expected} Your result is not a series of numbers, so only the expected path is drawn.`;
  const yours = `Yours ${ends(path.actual)}.`;
  const k = path.firstDifference;
  if (k === null) return `${expected} ${yours} Your positions follow the expected path.`;
  const value = (points: Points) => (k < points.x.length ? `${name} = ${fmt(points.x[k]!)}` : "no position");
  return `${expected} ${yours} Your positions part from the expected ones at step ${k}: expected ${value(path.expected)}, got ${value(path.actual)}.`;
}
