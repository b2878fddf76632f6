import { useId } from "react";
import { partingPoint, type Curves, type Figure, type MarkedCurve, type Mark, type ModelFigure, type PathFigure, type Points } from "@/lib/submissions/curve";

const WIDTH = 440;
const HEIGHT = 210;
/** The narrowest left margin; a longer y tick label ("0.003125") widens it so that it is not cut off. */
const MIN_LEFT = 48;
/** An upper bound on one character's width in the 10 px tick font (digits are about 5.6 px wide). */
export const TICK_CHAR_WIDTH = 6.5;
/** Room between a y tick label's end and the axis, and between its start and the picture's edge. */
const TICK_GAP = 4;
const RIGHT = 14;
/** Where the y axis' name starts, on the top line. */
const Y_LABEL_X = 4;
/** An upper bound on one character's width in the 11 px bold label font. */
const LABEL_CHAR_WIDTH = 7.5;
const TOP = 22;
const BOTTOM = 38;
/** Point markers are drawn up to this many points; past it they would merge into a smear. */
const MAX_MARKERS = 60;

interface Frame {
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

const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : "not a number");

function frameOf(values: number[], xValues: number[]): Frame {
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

const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

function pathOf(frame: Frame, series: number[]): string {
  return series
    .map((v, i) => (Number.isFinite(v) ? `${i === 0 || !Number.isFinite(series[i - 1]!) ? "M" : "L"}${frame.x(i).toFixed(1)},${frame.y(v).toFixed(1)}` : ""))
    .join(" ");
}

/** Axes with the lowest and highest value, the first and last x value, and the axis names. */
function Axes({ frame, xLabel, yLabel }: { frame: Frame; xLabel: string; yLabel: string }) {
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

/** A visible example drawn: two curves with the first parting marked, a curve with expected and actual marks, paths over a function, or a model. */
export function CurveChart({ figure, title }: { figure: Figure; title: string }) {
  if (figure.kind === "model") return <ModelSummary model={figure} title={title} />;
  if (figure.kind === "path") return <PathCharts path={figure} title={title} />;
  return figure.kind === "curves" ? <CurvesChart curves={figure} title={title} /> : <MarksChart curve={figure} title={title} />;
}

/** The student's curve over the expected one, the first point where they part marked. */
function CurvesChart({ curves, title }: { curves: Curves; title: string }) {
  const id = useId();
  const frame = frameOf([...curves.expected, ...curves.actual], curves.xValues);
  const xName = curves.xLabel ?? "index";
  const parting = curves.firstDifference;
  const partsAt = partingPoint(curves);
  const description =
    parting === null || partsAt === null
      ? "Your values follow the expected curve."
      : `Your values part from the expected curve at ${partsAt.text}: expected ${fmt(curves.expected[parting]!)}, got ${fmt(curves.actual[parting]!)}.`;
  const partingLabel = `parts at ${partsAt?.text ?? ""}`;
  const yName = curves.yLabel ?? "value";
  // The label sits on the top line beside the y axis' name: it starts after that name, and ends inside the picture.
  const partingX = Math.max(Y_LABEL_X + yName.length * LABEL_CHAR_WIDTH + 8, Math.min(frame.x(parting ?? 0) + 4, WIDTH - RIGHT - partingLabel.length * LABEL_CHAR_WIDTH));
  const markers = curves.expected.length <= MAX_MARKERS;
  return (
    <figure className="curve" data-testid="curve-chart" data-parting={partsAt?.x ?? "none"}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{`Expected and your values for ${title}`}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <Axes frame={frame} xLabel={xName} yLabel={yName} />
        <path d={pathOf(frame, curves.expected)} className="expected" />
        <path d={pathOf(frame, curves.actual)} className="actual" />
        {markers
          ? curves.expected.map((v, i) => (Number.isFinite(v) ? <circle key={`e${i}`} cx={frame.x(i)} cy={frame.y(v)} r={2.5} className="expected-point" /> : null))
          : null}
        {markers
          ? curves.actual.map((v, i) => (Number.isFinite(v) ? <rect key={`a${i}`} x={frame.x(i) - 2.5} y={frame.y(v) - 2.5} width={5} height={5} className="actual-point" /> : null))
          : null}
        {parting !== null ? (
          <g className="parting">
            <line x1={frame.x(parting)} y1={TOP} x2={frame.x(parting)} y2={HEIGHT - BOTTOM} />
            {Number.isFinite(curves.expected[parting]!) ? <circle cx={frame.x(parting)} cy={frame.y(curves.expected[parting]!)} r={6} /> : null}
            <text x={partingX} y={TOP - 6} className="parting-label">
              {partingLabel}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption className="small">
        <span className="legend expected"><span aria-hidden="true">●— </span>expected</span>{" "}
        <span className="legend actual"><span aria-hidden="true">■- - </span>yours</span>
        {parting !== null ? <span className="legend parting"> <span aria-hidden="true">◯ </span>first difference</span> : null} · {description}
      </figcaption>
    </figure>
  );
}

/** Paths over a function, then (when both are series of one length) the same positions over the steps. */
function PathCharts({ path, title }: { path: PathFigure; title: string }) {
  return (
    <div data-testid="path-figure">
      <PathChart path={path} title={title} />
      {path.steps ? <CurvesChart curves={path.steps} title={`${title}, ${path.xLabel} by step`} /> : null}
    </div>
  );
}

const inRange = (v: number, low: number, high: number) => Number.isFinite(v) && v >= low && v <= high;

/** The function's curve with the expected positions (circles) and the student's (squares) on it, the first parting ringed. */
function PathChart({ path, title }: { path: PathFigure; title: string }) {
  const id = useId();
  const xs = path.curve.x.filter(Number.isFinite);
  const xLow = xs.length ? Math.min(...xs) : 0;
  const xHigh = xs.length ? Math.max(...xs) : 1;
  // The axes span the sampled curve: a student's path that runs off to 1e30 must not flatten the picture.
  const frame = frameOf(path.curve.y, [xLow, xHigh]);
  const px = (v: number) => frame.left + ((v - xLow) / (xHigh - xLow || 1)) * (WIDTH - frame.left - RIGHT);
  const inside = (points: Points, i: number) => inRange(points.x[i]!, xLow, xHigh) && inRange(points.y[i]!, frame.low, frame.high);
  const curveLine = path.curve.x
    .map((x, i) => (inside(path.curve, i) ? `${i === 0 || !inside(path.curve, i - 1) ? "M" : "L"}${px(x).toFixed(1)},${frame.y(path.curve.y[i]!).toFixed(1)}` : ""))
    .join(" ");
  const description = describePaths(path);
  const parting = path.firstDifference;
  const partingAt = parting !== null && parting < path.expected.x.length && inside(path.expected, parting) ? parting : null;
  const partingLabel = parting !== null ? `parts at step ${parting}` : "";
  const partingX = Math.max(Y_LABEL_X + path.yLabel.length * LABEL_CHAR_WIDTH + 8, WIDTH - RIGHT - partingLabel.length * LABEL_CHAR_WIDTH);
  const dots = (points: Points) => points.x.map((_, i) => i).filter((i) => inside(points, i));
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

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
const at = (value: number | null | "invalid") => (value === null ? "none" : value === "invalid" ? "not a valid index" : String(value));

/** A curve both results share, with the points the expected result and the student's mark on it. */
function MarksChart({ curve, title }: { curve: MarkedCurve; title: string }) {
  const id = useId();
  const frame = frameOf(curve.values, indices(curve.values.length));
  const sentences = curve.marks.map((mark) => `${words(mark.name)}: expected ${at(mark.expected)}, yours ${at(mark.actual)}${mark.same ? " (matches)" : " (differs)"}.`);
  const description = `${curve.yLabel} by ${curve.xLabel}. ${sentences.join(" ")}`;
  const differs = curve.marks.some((mark) => !mark.same);
  return (
    <figure className="curve" data-testid="marks-chart" data-differs={differs ? "yes" : "no"}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{`Expected and your marks for ${title}`}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <Axes frame={frame} xLabel={curve.xLabel} yLabel={curve.yLabel} />
        <path d={pathOf(frame, curve.values)} className="shared" />
        {curve.values.map((v, i) => (Number.isFinite(v) ? <circle key={i} cx={frame.x(i)} cy={frame.y(v)} r={2.5} className="shared-point" /> : null))}
        {curve.marks.map((mark, row) => (
          <MarkLines key={mark.name} mark={mark} row={row} frame={frame} />
        ))}
      </svg>
      <figcaption className="small">
        <span className="legend expected"><span aria-hidden="true">│ </span>expected</span>{" "}
        <span className="legend actual"><span aria-hidden="true">┆ </span>yours</span>
        <ul className="marks">
          {curve.marks.map((mark, i) => (
            <li key={mark.name} className={mark.same ? "pass" : "fail"}>
              <span aria-hidden="true">{mark.same ? "✓ " : "✗ "}</span>
              {sentences[i]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Vertical lines at a mark's expected (solid) and actual (dashed) index, labelled in words. */
function MarkLines({ mark, row, frame }: { mark: Mark; row: number; frame: Frame }) {
  const label = words(mark.name);
  const y = TOP + 12 + row * 24;
  const line = (index: number, kind: "expected" | "actual", text: string, dy: number) => (
    <g className={`mark mark-${kind}`}>
      <line x1={frame.x(index)} y1={TOP} x2={frame.x(index)} y2={HEIGHT - BOTTOM} />
      <text x={Math.min(frame.x(index) + 3, WIDTH - 120)} y={y + dy} className="mark-label">{text}</text>
    </g>
  );
  return (
    <g aria-hidden="true">
      {mark.expected !== null ? line(mark.expected, "expected", `${label} ${mark.expected}${mark.same ? " ✓" : ""}`, 0) : null}
      {!mark.same && typeof mark.actual === "number" ? line(mark.actual, "actual", `yours ${mark.actual}`, 11) : null}
    </g>
  );
}

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

/** A model the student built: its layers, parameter count, validation accuracy and training loss by epoch. */
function ModelSummary({ model, title }: { model: ModelFigure; title: string }) {
  const id = useId();
  const epochs = model.loss.length;
  const frame = frameOf(model.loss, indices(epochs).map((i) => i + 1));
  const finite = model.loss.filter(Number.isFinite);
  const lossText =
    finite.length > 0 ? `Training loss from ${fmt(finite[0]!)} after epoch 1 to ${fmt(finite[finite.length - 1]!)} after epoch ${epochs}.` : "No training loss was recorded.";
  return (
    <figure className="curve model-summary" data-testid="model-summary">
      <dl className="small">
        <dt>Layers</dt>
        <dd>
          <ol>
            {model.layers.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </dd>
        <dt>Parameters</dt>
        <dd data-testid="model-parameters">{model.parameters.toLocaleString("en")}</dd>
        <dt>Validation accuracy</dt>
        <dd data-testid="model-accuracy">{model.validationAccuracy === null ? "not measured" : `${percent(model.validationAccuracy)} on data your model never saw`}</dd>
      </dl>
      {model.problem ? <p className="small error">{model.problem}</p> : null}
      {epochs >= 2 ? (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>{`Training loss for ${title}`}</title>
          <desc id={`${id}-d`}>{lossText}</desc>
          <Axes frame={frame} xLabel="epoch" yLabel="training loss" />
          <path d={pathOf(frame, model.loss)} className="shared" />
        </svg>
      ) : null}
      <figcaption className="small">{lossText}</figcaption>
    </figure>
  );
}
