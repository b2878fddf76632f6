import { check, close, findMismatch, formatMismatch, throws, type Comparator } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { drawnSeries } from "../../lib/exercises/authoring/drawn";
import { toValue } from "../../lib/grading/value";

type Test = CodeExerciseInput["tests"][number];

/*
 * Independent reference: Keras' formulas written out here in float64 (keras/src/optimizers/schedules):
 * ExponentialDecay = initial · rate^p, InverseTimeDecay = initial / (1 + rate · p), p = step / decaySteps,
 * floored when staircase.
 */
type Schedule = "inverseTimeDecay" | "exponentialDecay";
function kerasFormula(schedule: Schedule, [initialLr, step, decaySteps, decayRate, staircase]: unknown[]): number {
  const raw = (step as number) / (decaySteps as number);
  const p = staircase === true ? Math.floor(raw) : raw;
  return schedule === "exponentialDecay" ? (initialLr as number) * (decayRate as number) ** p : (initialLr as number) / (1 + (decayRate as number) * p);
}

const TOL = { rtol: 1e-4, atol: 1e-6 };
const vsFormula = (schedule: Schedule): Comparator =>
  check((result, { args, expected }) => {
    const actual = toValue(result);
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, TOL);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(kerasFormula(schedule, args), actual, TOL);
    return m ? `${formatMismatch(m, false)} (compared with Keras' formula)` : true;
  });

const staircaseHint = "with staircase = true the exponent is ⌊step / decaySteps⌋: the rate changes only at whole periods";
const continuousHint = "with staircase = false (the default) p = step / decaySteps is not rounded";
const ceilHint = "staircase rounds p down (Math.floor), never up";
const expHint = "exponential decay multiplies by decayRate once per period: initialLr · decayRate^p";
const invHint = "inverse-time decay divides: initialLr / (1 + decayRate · p), no power";
const periodHint = "p counts periods: divide the step by decaySteps";
const boundaryHint = "a step equal to a boundary still belongs to the segment that ends there: values[i] while boundaries[i−1] < step ≤ boundaries[i]";

/** [name, args, misconception, hint] for one decay schedule. */
type Case = [string, unknown[], string?, string?];
const decayTests = (schedule: Schedule, cases: Case[]): Test[] =>
  cases.map(([name, args, misconception, hint]) => ({
    name,
    call: schedule,
    args,
    compare: vsFormula(schedule),
    ...(misconception ? { misconception } : {}),
    ...(hint ? { hint } : {}),
  }));

const exponential = decayTests("exponentialDecay", [
  ["exponential: step 0 gives the initial rate", [0.1, 0, 1000, 0.96], "step-zero"],
  ["exponential: a fraction of a period", [0.1, 500, 1000, 0.5], "staircase-by-default", continuousHint],
  ["exponential: several periods and a fraction", [0.01, 2500, 1000, 0.9], "staircase-by-default", continuousHint],
  ["exponential: staircase false given", [0.01, 2500, 1000, 0.9, false], "ignores-staircase", continuousHint],
  ["exponential: staircase floors a fraction", [0.01, 2500, 1000, 0.9, true], "no-floor-under-staircase", staircaseHint],
  ["exponential: staircase just before a period ends", [0.05, 1999, 1000, 0.5, true], "ceil-instead-of-floor", ceilHint],
  ["exponential: staircase within the first period", [0.2, 999, 1000, 0.1, true], "ceil-instead-of-floor", ceilHint],
  ["exponential: staircase at a whole period", [0.1, 3000, 1000, 0.5, true], "no-floor-under-staircase", staircaseHint],
  ["exponential: the step is divided by decaySteps", [1, 300, 100, 0.8], "step-not-divided", periodHint],
  ["exponential: not inverse-time decay", [0.5, 200, 100, 0.5], "confused-with-inverse-time", expHint],
  ["exponential: a decay rate above 1 grows", [0.001, 150, 100, 1.5], "confused-with-inverse-time", expHint],
  ["exponential: many periods", [0.1, 100000, 1000, 0.96], "step-not-divided", periodHint],
  ["exponential: decaySteps of 1", [0.3, 7, 1, 0.9, true], "step-not-divided"],
]);

const inverse = decayTests("inverseTimeDecay", [
  ["inverse time: step 0 gives the initial rate", [0.1, 0, 1000, 0.5], "step-zero"],
  ["inverse time: a fraction of a period", [0.1, 500, 1000, 0.5], "staircase-by-default", continuousHint],
  ["inverse time: several periods and a fraction", [0.01, 2500, 1000, 2], "staircase-by-default", continuousHint],
  ["inverse time: staircase false given", [0.01, 2500, 1000, 2, false], "ignores-staircase", continuousHint],
  ["inverse time: staircase floors a fraction", [0.01, 2500, 1000, 2, true], "no-floor-under-staircase", staircaseHint],
  ["inverse time: staircase just before a period ends", [0.05, 1999, 1000, 1, true], "ceil-instead-of-floor", ceilHint],
  ["inverse time: staircase at a whole period", [0.1, 3000, 1000, 0.5, true], "no-floor-under-staircase", staircaseHint],
  ["inverse time: not exponential decay", [1, 200, 100, 0.5], "confused-with-exponential", invHint],
  ["inverse time: not a power of (1 + rate)", [0.5, 300, 100, 0.2], "inverse-time-as-power", invHint],
  ["inverse time: the step is divided by decaySteps", [0.1, 5000, 1000, 1], "step-not-divided", periodHint],
  ["inverse time: many periods", [0.1, 100000, 1000, 0.5], "step-not-divided", periodHint],
]);

/** [name, step, boundaries, values, misconception, hint] */
type Piece = [string, number, number[], number[], string?, string?];
const pieces: Piece[] = [
  ["piecewise: step 0", 0, [1000, 2000], [0.1, 0.05, 0.01]],
  ["piecewise: before the first boundary", 500, [1000, 2000], [0.1, 0.05, 0.01]],
  ["piecewise: a step equal to the first boundary", 1000, [1000, 2000], [0.1, 0.05, 0.01], "boundary-wrong-side", boundaryHint],
  ["piecewise: just after the first boundary", 1001, [1000, 2000], [0.1, 0.05, 0.01], "boundary-wrong-side", boundaryHint],
  ["piecewise: between two boundaries", 1500, [1000, 2000], [0.1, 0.05, 0.01], "off-by-one-segment", "values[i] applies between boundaries[i−1] and boundaries[i]"],
  ["piecewise: a step equal to the last boundary", 2000, [1000, 2000], [0.1, 0.05, 0.01], "boundary-wrong-side", boundaryHint],
  ["piecewise: past the last boundary", 2001, [1000, 2000], [0.1, 0.05, 0.01], "past-last-boundary", "after the last boundary the last value applies"],
  ["piecewise: far past the last boundary", 1e6, [1000, 2000], [0.1, 0.05, 0.01], "past-last-boundary", "after the last boundary the last value applies"],
  ["piecewise: a single boundary, at it", 10, [10], [1, 0.5], "boundary-wrong-side", boundaryHint],
  ["piecewise: a single boundary, past it", 11, [10], [1, 0.5], "past-last-boundary"],
  ["piecewise: many boundaries", 35, [10, 20, 30, 40, 50], [6, 5, 4, 3, 2, 1], "off-by-one-segment"],
  ["piecewise: many boundaries, at one", 30, [10, 20, 30, 40, 50], [6, 5, 4, 3, 2, 1], "boundary-wrong-side", boundaryHint],
  ["piecewise: values that rise", 150, [100, 200], [0.001, 0.01, 0.1], "assumes-decreasing", "return the value of the segment, whatever its size"],
];
const piecewise: Test[] = pieces.map(([name, step, boundaries, values, misconception, hint]) => ({
  name,
  call: "piecewiseConstant",
  args: [step, boundaries, values],
  compare: close(),
  ...(misconception ? { misconception } : {}),
  ...(hint ? { hint } : {}),
}));

const lengthHint = "throw an Error unless values has exactly one more entry than boundaries";
const badLengths: [string, number[], number[]][] = [
  ["as many values as boundaries", [1000, 2000], [0.1, 0.05]],
  ["two values too many", [1000], [0.1, 0.05, 0.01]],
  ["one value too few", [100, 200, 300], [0.3, 0.2]],
  ["no values", [100], []],
];
const rejects: Test[] = badLengths.map(([what, boundaries, values]) => ({
  name: `piecewise: rejects ${what}`,
  call: "piecewiseConstant",
  args: [150, boundaries, values],
  compare: throws(),
  misconception: "no-length-check",
  hint: lengthHint,
}));

/** A visible example over a range of steps, drawn on the page as the student's schedule over the expected one. */
function drawn(name: string, schedule: string, stepArg: number, argsAt: (step: number) => unknown[]): Test {
  const steps = Array.from({ length: 51 }, (_, i) => i * 100);
  return drawnSeries(name, schedule, steps.map(argsAt), { xArg: stepArg, x: "step", y: "learning rate" });
}

export default defineExercise({
  id: "lr-schedules",
  title: "Learning-rate schedules",
  topic: "Learning-rate schedules",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["inverseTimeDecay", "exponentialDecay", "piecewiseConstant"],
  examples: [
    drawn("example: exponentialDecay over 5000 steps (drawn)", "exponentialDecay", 1, (step) => [0.1, step, 1000, 0.5]),
    drawn("example: exponentialDecay with staircase over 5000 steps (drawn)", "exponentialDecay", 1, (step) => [0.1, step, 1000, 0.5, true]),
    drawn("example: inverseTimeDecay over 5000 steps (drawn)", "inverseTimeDecay", 1, (step) => [0.1, step, 1000, 0.5]),
    drawn("example: piecewiseConstant over 5000 steps (drawn)", "piecewiseConstant", 0, (step) => [step, [1000, 2000], [0.1, 0.05, 0.01]]),
    { name: "example: exponentialDecay(0.1, 2500, 1000, 0.5)", call: "exponentialDecay", args: [0.1, 2500, 1000, 0.5], compare: close() },
    { name: "example: inverseTimeDecay(0.1, 2500, 1000, 0.5, true)", call: "inverseTimeDecay", args: [0.1, 2500, 1000, 0.5, true], compare: close() },
    { name: "example: piecewiseConstant(1000, [1000, 2000], [0.1, 0.05, 0.01])", call: "piecewiseConstant", args: [1000, [1000, 2000], [0.1, 0.05, 0.01]], compare: close() },
  ],
  tests: [
    ...exponential,
    ...inverse,
    ...piecewise,
    ...rejects,
    { name: "piecewise: does not modify its arguments", call: "piecewiseConstant", args: [1500, [1000, 2000], [0.1, 0.05, 0.01]], compare: close(), misconception: "mutates-input", hint: "read boundaries and values; do not sort, push or pop them" },
    { name: "exponential: same result when called twice", call: "exponentialDecay", args: [0.1, 1500, 1000, 0.5, true], compare: vsFormula("exponentialDecay"), repeat: 3, misconception: "hidden-state", hint: "compute from the arguments alone; keep no state between calls" },
    { name: "inverse time: same result when called twice", call: "inverseTimeDecay", args: [0.1, 1500, 1000, 0.5], compare: vsFormula("inverseTimeDecay"), repeat: 3, misconception: "hidden-state", hint: "compute from the arguments alone; keep no state between calls" },
  ],
});
