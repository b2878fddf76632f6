import { useId } from "react";
import { partingPoint, type Curves, type Figure, type MarkedCurve, type Mark, type ModelFigure, type PathFigure } from "@/lib/submissions/curve";
import { Axes, BOTTOM, fmt, frameOf, HEIGHT, indices, LABEL_CHAR_WIDTH, pathOf, RIGHT, TOP, WIDTH, Y_LABEL_X, type Frame } from "./chart-frame";
import { PathChart } from "./PathChart";

/** Point markers are drawn up to this many points; past it they would merge into a smear. */
const MAX_MARKERS = 60;

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
