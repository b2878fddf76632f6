/** Visible examples that the exercise page draws: optimizer trajectories, marked curves, paths over a function. */
import { check, close, exact, findMismatch, type Comparator } from "../../grading/compare";
import { plural } from "../../format/plural";
import { SERIES_EXPORT, type MarksOptions, type OverOptions, type SeriesOptions, type TrajectoryOptions } from "../../grading/series-harness";
import { toPlain } from "../../grading/plain";
import { RecordValue, type Value } from "../../grading/value";
import type { CodeExerciseInput } from "../schema";

type Test = CodeExerciseInput["tests"][number];

export interface TrajectorySpec {
  /** The export that takes one optimizer step. */
  call: string;
  /** The first call's arguments: the starting weights, the zero state, hyper-parameters (the gradient is computed). */
  firstArgs: unknown[];
  steps: number;
  /** Argument position → result field passed back there at the next step (the weights and the state). */
  carry: Record<number, string>;
  /** Argument position of the gradient and the bowl it comes from: ½·Σ scale_i·(w_i − centre_i)². */
  gradient: { arg: number; scale: number[]; centre?: number[] };
  /** What to draw: the first coordinate of the weights by default. */
  plot?: { field: string; index: number };
}

/**
 * A visible example that runs `steps` optimizer steps on a quadratic bowl, each fed the state the
 * previous one returned, and draws one weight over the steps: the student's path over the expected one.
 */
export function drawnTrajectory(name: string, spec: TrajectorySpec): Test {
  const plot = spec.plot ?? { field: "w", index: 0 };
  const weightArg = Number(Object.keys(spec.carry).find((key) => spec.carry[Number(key)] === plot.field));
  const w0 = spec.firstArgs[weightArg];
  if (!Array.isArray(w0)) throw new Error(`${name}: argument ${weightArg} (carried as ${plot.field}) must be the starting weights`);
  const { scale, centre } = spec.gradient;
  // The first gradient comes from the same bowl as every later one, so the page shows a consistent call.
  const firstArgs = spec.firstArgs.map((arg, i) => (i === spec.gradient.arg ? w0.map((wi: number, j) => (scale[j] ?? 0) * (wi - (centre?.[j] ?? 0))) : arg));
  const later = spec.firstArgs.map((arg, i) => (i in spec.carry || i === spec.gradient.arg ? null : arg));
  const options: TrajectoryOptions = { carry: spec.carry, plot, gradient: spec.gradient, x: "step", y: `${plot.field}[${plot.index}]` };
  const argsList = [firstArgs, ...Array.from({ length: spec.steps - 1 }, () => later)];
  return { name, call: SERIES_EXPORT, args: [spec.call, argsList, options], compare: close() };
}

/**
 * A visible example with one call whose argument `curveArg` is a curve (validation losses by epoch)
 * and whose result fields `marks` name points on it (epochs): drawn as the curve with the expected and
 * the student's marks.
 */
export function drawnMarks(name: string, call: string, args: unknown[], spec: { curveArg: number; marks: string[]; x: string; y: string }): Test {
  const options: MarksOptions = { marks: spec.marks, curveArg: spec.curveArg, x: spec.x, y: spec.y };
  return { name, call: SERIES_EXPORT, args: [call, [args], options], compare: exact() };
}

/**
 * A visible example that calls `call` once per argument list and draws the results over argument `xArg`
 * (a schedule over its steps): the axis and the message name a point by its x value ("at step 500").
 */
export function drawnSeries(name: string, call: string, argsList: unknown[][], spec: SeriesOptions): Test {
  const options: SeriesOptions = { xArg: spec.xArg, x: spec.x, y: spec.y };
  const xAt = (i: number) => (argsList[i] ?? [])[spec.xArg];
  return { name, call: SERIES_EXPORT, args: [call, argsList, options], compare: seriesCheck(spec.x, xAt) };
}

/**
 * A visible example with one element-wise call (an activation over an array of inputs), drawn over that
 * array: argument `over` gives the x values, and a message names a point by its input ("at x −1.5").
 */
export function drawnOver(name: string, call: string, args: unknown[], spec: OverOptions): Test {
  const options: OverOptions = { over: spec.over, x: spec.x, y: spec.y };
  const inputs = args[spec.over];
  if (!Array.isArray(inputs)) throw new Error(`${name}: argument ${spec.over} must be the array of inputs`);
  return { name, call: SERIES_EXPORT, args: [call, [args], options], compare: seriesCheck(spec.x, (i) => inputs[i]) };
}

/** Compares the drawn values point by point; a difference is named by its x value. */
function seriesCheck(xName: string, xAt: (i: number) => unknown) {
  const tolerance = { rtol: 1e-4, atol: 1e-6 };
  return check((actual, { expected }) => {
    const want = field(expected, "values");
    const got = field(actual, "values");
    if (!Array.isArray(want)) return true;
    if (!Array.isArray(got) || got.length !== want.length) return `expected ${plural(want.length, "value")}, one per ${xName}`;
    for (let i = 0; i < want.length; i++) {
      const m = findMismatch(want[i], got[i], tolerance);
      if (!m) continue;
      const at = `at ${xName} ${String(xAt(i))}`;
      return m.expected === undefined ? `${at}: ${m.reason}` : `${at}: expected ${m.expected}, got ${m.got ?? "?"}`;
    }
    return true;
  });
}

function field(value: Value | undefined, key: string): Value | undefined {
  return value instanceof RecordValue ? value.entries.get(key) : undefined;
}

/** The shown form of a path over a function curve (lib/submissions/curve.ts draws it). */
export const PATH_OVER_CURVE = "path-over-curve";

/** How toPlain writes the non-finite numbers of a result. */
const NON_FINITE = new Set<unknown>(["NaN", "Infinity", "-Infinity"]);

export interface PathSpec {
  /** The function the path lies on (the loss), evaluated on the host: never in the sandbox. */
  f: (x: number) => number;
  /** The x range of the drawn curve, sampled at `samples` evenly spaced points. */
  from: number;
  to: number;
  samples?: number;
  /** Axis names: "w" and "f(w)". */
  x: string;
  y: string;
  /** How the result (the series of x values) is judged; close() by default. */
  compare?: Comparator;
}

/**
 * A visible example whose result is a series of x values (the weight after each step) drawn as points
 * (x, f(x)) on the curve of f: the student's path and the expected one on the same loss, so the page shows
 * where a ball rolls (stays in a local minimum, or crosses the barrier). The result is compared as it is;
 * only what is shown is turned into the figure, on the host, for the reference's result and the student's.
 */
export function drawnPath(name: string, call: string, args: unknown[], spec: PathSpec): Test {
  return { name, call, args, compare: spec.compare ?? close(), show: showPathOver(spec) };
}

/**
 * The shown value of a path: the sampled curve and each x value with f(x). A result that is not a series
 * of numbers is shown as it is, so that the page prints what the student returned.
 */
export function showPathOver(spec: PathSpec): (result: Value) => unknown {
  const samples = Math.max(2, spec.samples ?? 121);
  const xs = Array.from({ length: samples }, (_, i) => spec.from + ((spec.to - spec.from) * i) / (samples - 1));
  const curve = { x: xs, y: xs.map(spec.f) };
  return (result) => {
    const plain = toPlain(result);
    if (!Array.isArray(plain) || plain.length === 0 || !plain.every((v) => typeof v === "number" || NON_FINITE.has(v))) return result;
    const path = plain.map(Number);
    // Non-finite numbers cannot cross as JSON: the page reads "not a number" for them.
    const y = path.map((v) => (Number.isFinite(v) ? spec.f(v) : Number.NaN));
    return { kind: PATH_OVER_CURVE, x: spec.x, y: spec.y, curve, path: { x: path, y } };
  };
}
