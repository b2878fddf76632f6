/**
 * The series harness: appended to a module whose visible examples are drawn. It calls one of the
 * student's exports and returns one drawable value, which the host validates like any other result:
 *
 * - `(name, argsList)`: one call per argument list, the results as one array (a schedule, an activation).
 * - `(name, argsList, { xArg, x, y })`: the same calls, returned as `{ x, y, xValues, values }`: each
 *   call's argument `xArg` is its point's x value (the step a schedule is asked about), `x` the axis name.
 * - `(name, argsList, { carry, plot, gradient?, x, y })`: an optimizer trajectory. The calls run in order
 *   and each feeds the next: argument `i` of call k + 1 is field `carry[i]` of call k's result (the
 *   state the caller passes back), and with `gradient` the gradient argument is ∂/∂w of
 *   ½·Σ scale_i·(w_i − centre_i)² at the carried weights. Returns `{ x, y, values }`: `plot.field[plot.index]`
 *   before the first step and after each one.
 * - `(name, [args], { marks, curveArg, x, y })`: one call whose input is a curve (validation losses) and
 *   whose result marks points on it. Returns `{ x, y, values, marks }` with the named result fields.
 * - `(name, [args], { over, x, y })`: one element-wise call (an activation over an array of inputs),
 *   returned as `{ x, y, xValues, values }` with argument `over` as the x values.
 * - `(name, [args], { fresh: i })`: one call; returns `{ value, isArgument }`, with `isArgument` true when
 *   the result is argument i itself instead of a new array. Only the sandbox can tell: copying a result
 *   out loses its identity.
 *
 * Everything it reads comes from the exercise's own visible example, so the same code computes the
 * expected value (through the reference solution) and the student's.
 */
export const SERIES_EXPORT = "__tensorgradeSeries";

/** Options of a trajectory: which result fields are passed back as which arguments, and what to draw. */
export interface TrajectoryOptions {
  carry: Record<number, string>;
  plot: { field: string; index: number };
  gradient?: { arg: number; scale: number[]; centre?: number[] };
  x: string;
  y: string;
}

/** Options of a series drawn over one of its arguments: which argument is x, and the axis names. */
export interface SeriesOptions {
  xArg: number;
  x: string;
  y: string;
}

/** Options of one element-wise call drawn over its input array. */
export interface OverOptions {
  over: number;
  x: string;
  y: string;
}

/** Options of a fresh-result probe: which argument the result must not be. */
export interface FreshOptions {
  fresh: number;
}

/** Options of a marked curve: which argument is the curve and which result fields mark it. */
export interface MarksOptions {
  marks: string[];
  curveArg: number;
  x: string;
  y: string;
}

export const SERIES_HARNESS_SOURCE = `
// What the host would pass back after copying a result out: tensors and typed arrays become plain arrays.
function __tensorgradePlain(value, depth) {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (typeof value.arraySync === "function" && Array.isArray(value.shape)) return value.arraySync();
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map((item) => __tensorgradePlain(item, depth + 1));
  const out = {};
  for (const key of Object.keys(value)) out[key] = __tensorgradePlain(value[key], depth + 1);
  return out;
}

export async function ${SERIES_EXPORT}(name, argsList, options) {
  const fn = module.exports[name];
  if (typeof fn !== "function") throw new TypeError(name + " is not exported as a function");
  if (options && typeof options.fresh === "number") {
    const args = argsList[0];
    const value = await fn(...args);
    return { value, isArgument: value === args[options.fresh] };
  }
  if (options && typeof options.over === "number") {
    const args = argsList[0];
    const values = __tensorgradePlain(await fn(...args), 0);
    return { x: options.x, y: options.y, xValues: Array.from(args[options.over], Number), values };
  }
  if (options && options.carry) {
    const weightArg = Object.keys(options.carry).find((key) => options.carry[key] === options.plot.field);
    const first = argsList[0][Number(weightArg)];
    const values = [Number(first[options.plot.index])];
    let previous = null;
    for (let step = 0; step < argsList.length; step++) {
      const args = argsList[step].slice();
      if (previous !== null) {
        for (const key of Object.keys(options.carry)) {
          const field = options.carry[key];
          if (!(field in previous)) {
            throw new TypeError(name + " returned no field " + field + " at step " + step + ": the next step needs it");
          }
          args[Number(key)] = previous[field];
        }
      }
      const g = options.gradient;
      if (g && args[g.arg] === null) {
        const w = args[Number(weightArg)];
        args[g.arg] = Array.from(w, (wi, i) => g.scale[i] * (Number(wi) - (g.centre ? g.centre[i] : 0)));
      }
      previous = __tensorgradePlain(await fn(...args), 0);
      const plotted = previous !== null && typeof previous === "object" ? previous[options.plot.field] : undefined;
      if (plotted === undefined || plotted === null || typeof plotted.length !== "number") {
        throw new TypeError(name + " returned no array " + options.plot.field + " at step " + (step + 1));
      }
      values.push(Number(plotted[options.plot.index]));
    }
    return { x: options.x, y: options.y, values };
  }
  if (options && options.marks) {
    const args = argsList[0];
    const values = Array.from(args[options.curveArg], Number);
    const result = __tensorgradePlain(await fn(...args), 0);
    const marks = {};
    for (const field of options.marks) marks[field] = result !== null && typeof result === "object" ? result[field] : undefined;
    return { x: options.x, y: options.y, values, marks };
  }
  const results = [];
  for (const args of argsList) results.push(await fn(...args));
  if (options && typeof options.xArg === "number") {
    return { x: options.x, y: options.y, xValues: argsList.map((args) => Number(args[options.xArg])), values: results };
  }
  return results;
}
`;
