/** A visible example's expected and actual values as two curves, when both are same-length series of numbers. */
export interface Curves {
  expected: number[];
  actual: number[];
  /** The x value of each point: the series' own (the steps a schedule was called at), else 0, 1, 2, … */
  xValues: number[];
  /** The first index where they part (beyond the grader's default tolerance), or null. */
  firstDifference: number | null;
  /** Axis names, when the example gives them ("step", "w[0]"). */
  xLabel?: string;
  yLabel?: string;
}

/** One named point on a marked curve: where the expected result puts it, and where the student's does. */
export interface Mark {
  name: string;
  /** An index into the curve, or null for "none" (training never stopped). */
  expected: number | null;
  /** As `expected`; "invalid" when the student's value is not an index of the curve. */
  actual: number | null | "invalid";
  same: boolean;
}

/** A curve that both results share (the input), with the points each result marks on it. */
export interface MarkedCurve {
  values: number[];
  marks: Mark[];
  xLabel: string;
  yLabel: string;
}

/** A model the student built, as its summary: layers, parameters, training loss per epoch, held-out accuracy. */
export interface ModelFigure {
  layers: string[];
  parameters: number;
  /** Training loss after each epoch; NaN where it was not a number. */
  loss: number[];
  validationAccuracy: number | null;
  problem: string | null;
}

/** Points (x, y) in drawing order. */
export interface Points {
  x: number[];
  y: number[];
}

/** A function's curve (a loss over a weight) with two paths of points on it: the expected positions and the student's. */
export interface PathFigure {
  curve: Points;
  expected: Points;
  /** null when the student's result is not a series of numbers. */
  actual: Points | null;
  /** The first step where the positions part (beyond the grader's default tolerance, or one path ending first), or null. */
  firstDifference: number | null;
  xLabel: string;
  yLabel: string;
  /** The same positions over the steps, when both paths are drawable series of the same length. */
  steps: Curves | null;
}

export type Figure = ({ kind: "curves" } & Curves) | ({ kind: "marks" } & MarkedCurve) | ({ kind: "model" } & ModelFigure) | ({ kind: "path" } & PathFigure);

const MIN_POINTS = 3;

/** Two drawable series, or null when the values are not a series (a number, an object, another shape). */
export function curvesOf(shown: { expected: unknown; actual: unknown } | undefined): Curves | null {
  const expected = series(shown?.expected);
  const actual = series(shown?.actual);
  if (!expected || !actual || expected.length !== actual.length || expected.length < MIN_POINTS) return null;
  const firstDifference = expected.findIndex((e, i) => !agrees(e, actual[i]));
  return { expected, actual, xValues: expected.map((_, i) => i), firstDifference: firstDifference === -1 ? null : firstDifference };
}

/** Within the grader's default tolerance. */
const agrees = (expected: number, actual: number | undefined) => Math.abs((actual ?? Number.NaN) - expected) <= 1e-6 + 1e-4 * Math.abs(expected);

/** Where the curves part, named by its x value and the axis' name ("step 500"), or null when they agree. */
export function partingPoint(curves: Curves): { x: number; text: string } | null {
  if (curves.firstDifference === null) return null;
  const x = curves.xValues[curves.firstDifference] ?? curves.firstDifference;
  return { x, text: `${curves.xLabel ?? "index"} ${x}` };
}

/**
 * What to draw for a visible example: two series (a plain array, or a labelled `{ x, y, values }` from a
 * trajectory or `{ x, y, xValues, values }` from a schedule), a curve with marks (`{ x, y, values, marks }`),
 * or null when the values are not drawable.
 */
export function figureOf(shown: { expected: unknown; actual: unknown } | undefined): Figure | null {
  const model = modelFigureOf(shown?.actual);
  if (model) return { kind: "model", ...model };
  const path = pathFigureOf(shown);
  if (path) return { kind: "path", ...path };
  const expected = labelled(shown?.expected);
  if (!expected) {
    const curves = curvesOf(shown);
    return curves ? { kind: "curves", ...curves } : null;
  }
  const actual = labelled(shown?.actual);
  if (expected.marks) return markedCurve(expected, actual);
  const curves = curvesOf({ expected: expected.values, actual: actual?.values });
  if (!curves) return null;
  // The x values come from the expected side: the student's copy cannot move the axis.
  const xValues = expected.xValues && expected.xValues.length === curves.expected.length ? expected.xValues : curves.xValues;
  return { kind: "curves", ...curves, xValues, xLabel: expected.x, yLabel: expected.y };
}

interface Labelled {
  x: string;
  y: string;
  values: unknown;
  xValues?: number[];
  marks?: Record<string, unknown>;
}

function labelled(value: unknown): Labelled | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.x !== "string" || typeof record.y !== "string" || !Array.isArray(record.values)) return null;
  const marks = typeof record.marks === "object" && record.marks !== null && !Array.isArray(record.marks) ? (record.marks as Record<string, unknown>) : undefined;
  const xValues = Array.isArray(record.xValues) && record.xValues.every(Number.isFinite) ? (record.xValues as number[]) : undefined;
  return { x: record.x, y: record.y, values: record.values, xValues, marks };
}

function markedCurve(expected: Labelled, actual: Labelled | null): Figure | null {
  const values = series(expected.values);
  if (!values || values.length < 2 || !expected.marks) return null;
  const index = (v: unknown): number | null | "invalid" => (v === null ? null : typeof v === "number" && Number.isInteger(v) && v >= 0 && v < values.length ? v : "invalid");
  const marks: Mark[] = [];
  for (const [name, want] of Object.entries(expected.marks)) {
    const wanted = index(want);
    if (wanted === "invalid") return null;
    const got = actual?.marks ? index(actual.marks[name]) : "invalid";
    marks.push({ name, expected: wanted, actual: got, same: got === wanted });
  }
  return { kind: "marks", values, marks, xLabel: expected.x, yLabel: expected.y };
}

function series(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  const numbers = value.map((item) => (typeof item === "number" ? item : Number.NaN));
  return numbers.some(Number.isFinite) ? numbers : null;
}

/**
 * A path over a function curve (lib/exercises/authoring/drawn.ts, `drawnPath`): the curve and the axis
 * names come from the expected side, so the student's copy cannot move them; null when the expected value
 * is not such a path.
 */
export function pathFigureOf(shown: { expected: unknown; actual: unknown } | undefined): PathFigure | null {
  const expected = pathRecord(shown?.expected);
  if (!expected) return null;
  const actual = pathRecord(shown?.actual)?.path ?? null;
  let firstDifference: number | null = null;
  if (actual) {
    const length = Math.max(expected.path.x.length, actual.x.length);
    const i = Array.from({ length }, (_, k) => k).findIndex((k) => k >= expected.path.x.length || !agrees(expected.path.x[k]!, actual.x[k]));
    firstDifference = i === -1 ? null : i;
  }
  const steps = actual && actual.x.length === expected.path.x.length && actual.x.length >= MIN_POINTS
    ? { expected: expected.path.x, actual: actual.x, xValues: actual.x.map((_, k) => k), firstDifference, xLabel: "step", yLabel: expected.x }
    : null;
  return { curve: expected.curve, expected: expected.path, actual, firstDifference, xLabel: expected.x, yLabel: expected.y, steps };
}

function pathRecord(value: unknown): { x: string; y: string; curve: Points; path: Points } | null {
  if (typeof value !== "object" || value === null || (value as { kind?: unknown }).kind !== "path-over-curve") return null;
  const record = value as Record<string, unknown>;
  const curve = points(record.curve);
  const path = points(record.path);
  if (typeof record.x !== "string" || typeof record.y !== "string" || !curve || curve.x.length < 2 || !path || path.x.length === 0) return null;
  return { x: record.x, y: record.y, curve, path };
}

/** Same-length x and y series; non-numbers (a non-finite value written as "NaN") read as NaN. */
function points(value: unknown): Points | null {
  if (typeof value !== "object" || value === null) return null;
  const { x, y } = value as { x?: unknown; y?: unknown };
  const xs = Array.isArray(x) ? x.map((v) => (typeof v === "number" ? v : Number.NaN)) : null;
  const ys = Array.isArray(y) ? y.map((v) => (typeof v === "number" ? v : Number.NaN)) : null;
  return xs && ys && xs.length === ys.length ? { x: xs, y: ys } : null;
}

/** A model summary (lib/grading/model/summary.ts) as the page receives it, or null for anything else. */
function modelFigureOf(value: unknown): ModelFigure | null {
  if (typeof value !== "object" || value === null || (value as { kind?: unknown }).kind !== "model-summary") return null;
  const record = value as Record<string, unknown>;
  const layers = Array.isArray(record.layers) ? record.layers.filter((line): line is string => typeof line === "string") : [];
  const loss = Array.isArray(record.loss) ? record.loss.map((v) => (typeof v === "number" ? v : Number.NaN)) : [];
  return {
    layers,
    parameters: typeof record.parameters === "number" ? record.parameters : 0,
    loss,
    validationAccuracy: typeof record.validationAccuracy === "number" ? record.validationAccuracy : null,
    problem: typeof record.problem === "string" ? record.problem : null,
  };
}
