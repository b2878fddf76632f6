import * as tf from "@tensorflow/tfjs";
import { drawnPath } from "../../lib/exercises/authoring/drawn";
import { withHostTfjs } from "../../lib/exercises/authoring/trajectories";
import { check, close, findMismatch, formatMismatch, throws, type Comparator } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { toValue } from "../../lib/grading/value";

type Test = CodeExerciseInput["tests"][number];
/** [w0, lr, momentum, steps] */
type Run = [number, number, number, number];

/** The catalogue's tolerance: w passes near 0, so an absolute tolerance as large as the relative one. */
const TOL = { rtol: 1e-4, atol: 1e-4 };

/** The catalogue's rule in float64, written out here apart from solution.ts. */
function float64Trajectory([w0, lr, momentum, steps]: Run): number[] {
  const out = [w0];
  let w = w0;
  let v = 0;
  for (let k = 0; k < steps; k++) {
    v = momentum * v - lr * (4 * w ** 3 - 8 * w + 1);
    w += v;
    out.push(w);
  }
  return out;
}

/** The same rule with every operation rounded to float32, as a student's Float32Array loop computes it. */
function float32Trajectory([w0, lr, momentum, steps]: Run): number[] {
  const f = Math.fround;
  const out = [f(w0)];
  let w = f(w0);
  let v = 0;
  for (let k = 0; k < steps; k++) {
    const g = f(f(f(4) * f(f(w * w) * w)) - f(8 * w)) + 1;
    v = f(f(f(momentum) * v) - f(f(lr) * f(g)));
    w = f(w + v);
    out.push(w);
  }
  return out;
}

/**
 * Independent reference: tfjs' own `tf.train.momentum` minimising f(w) = w⁴ − 4w² + w, with the gradient
 * from tfjs' autodiff, in float32. tfjs keeps acc′ = momentum·acc + g and steps by −lr·acc′, which with a
 * constant lr is Keras' rule with v = −lr·acc.
 */
async function tfjsTrajectory([w0, lr, momentum, steps]: Run): Promise<number[]> {
  return withHostTfjs(async () => {
    const w = tf.variable(tf.scalar(w0));
    const optimizer = tf.train.momentum(lr, momentum);
    const out = [Math.fround(w0)];
    try {
      for (let k = 0; k < steps; k++) {
        optimizer.minimize(() => tf.tidy(() => w.pow(4).sub(w.square().mul(4)).add(w).asScalar()), false, [w]);
        out.push(w.dataSync()[0] ?? Number.NaN);
      }
    } finally {
      optimizer.dispose();
      w.dispose();
    }
    return out;
  });
}

/**
 * Test inputs must be ones where float32 and float64 agree within a tenth of the tolerance at every step,
 * so that a student computing in float32 (tfjs tensors, a Float32Array) is never failed for it: checked
 * here, at load, for every input, against both a Math.fround loop and tfjs.
 */
function assertFloat32Agrees(name: string, exact: number[], ...float32: number[][]): void {
  for (const run of float32) {
    exact.forEach((e, k) => {
      const d = Math.abs((run[k] ?? Number.NaN) - e);
      if (!(d <= 0.1 * (TOL.atol + TOL.rtol * Math.abs(e)))) {
        throw new Error(`momentum-escape, "${name}": float32 and float64 differ by ${d} at step ${k}; choose another input`);
      }
    });
  }
}

/** tfjs' trajectory for `run`, once float32 is proven to agree with float64 on it. */
async function verified(name: string, run: Run): Promise<number[]> {
  const viaTfjs = await tfjsTrajectory(run);
  assertFloat32Agrees(name, float64Trajectory(run), float32Trajectory(run), viaTfjs);
  return viaTfjs;
}

const references = new Map<string, number[]>();
async function trajectoryTest(name: string, run: Run, misconception: string, hint: string, extra: Partial<Test> = {}): Promise<Test> {
  references.set(name, await verified(name, run));
  return { name, call: "momentumTrajectory", args: run, compare: agreesWith(name), misconception, hint, ...extra };
}

/** f(w) = w⁴ − 4w² + w, the loss the ball rolls on. */
const loss = (w: number) => w ** 4 - 4 * w ** 2 + w;

/** A visible example: drawn on the page (as the student's trajectory over the expected one) when it has 3 values or more. */
async function example(name: string, run: Run): Promise<Test> {
  await verified(name, run);
  return { name, call: "momentumTrajectory", args: run, compare: close(TOL) };
}

/** A visible example drawn as the ball's positions (w, f(w)) on the loss, the student's and the expected, and w over the steps. */
async function drawnExample(name: string, run: Run): Promise<Test> {
  await verified(name, run);
  return drawnPath(name, "momentumTrajectory", run, { f: loss, from: -2.2, to: 2.2, samples: 89, x: "w", y: "f(w)", compare: close(TOL) });
}

/** Within the tolerance of the float64 reference solution and of tfjs' own momentum optimizer. */
function agreesWith(name: string): Comparator {
  return check((result, { expected }) => {
    const actual = toValue(result);
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, TOL);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(toValue(references.get(name)), actual, TOL);
    return m ? `${formatMismatch(m, false)} (compared with tfjs' momentum optimizer)` : true;
  });
}

const signHint = "the velocity points downhill, against the gradient: v′ = momentum·v − lr·f′(w)";
const derivativeHint = "f′(w) = 4w³ − 8w + 1: differentiate each term of w⁴ − 4w² + w, the constant 1 included";
const orderHint = "update the velocity first, then move w by the new velocity: v′ = momentum·v − lr·f′(w), then w′ = w + v′";
const nesterovHint = "take the gradient at the current w, not at the look-ahead point w + momentum·v (that is Nesterov's variant)";
const lengthHint = "return steps + 1 values: w0 first, then the weight after each of the steps";
const firstHint = "the trajectory starts with w0 itself, before any step";
const lrHint = "lr scales only the gradient: v′ already is the step, so w′ = w + v′ with no further lr";
const dampedHint = "momentum multiplies only the old velocity; the gradient term is −lr·f′(w), with no (1 − momentum) factor";
const momentumHint = "the velocity carries over from step to step: v′ = momentum·v − lr·f′(w), starting from v = 0";
const rangeHint = "throw a RangeError (not another kind of error) unless steps is an integer ≥ 0: Number.isInteger(steps) && steps >= 0";

const rejects: Test[] = (
  [
    ["a negative number of steps", -1],
    ["a fractional number of steps", 2.5],
    ["NaN steps", Number.NaN],
    ["infinitely many steps", Number.POSITIVE_INFINITY],
  ] as const
).map(([what, steps]) => ({
  name: `rejects ${what} with a RangeError`,
  call: "momentumTrajectory",
  args: [1, 0.05, 0.9, steps],
  compare: throws("RangeError"),
  misconception: "no-range-check",
  hint: rangeHint,
}));

const trajectories: Test[] = [
  await trajectoryTest("one step downhill from the right", [1.8, 0.01, 0.9, 1], "gradient-sign", signHint),
  await trajectoryTest("one step downhill from the left", [-0.5, 0.02, 0.5, 1], "gradient-sign", signHint),
  await trajectoryTest("two steps from rest", [1, 0.1, 0.9, 2], "w-before-v", orderHint),
  await trajectoryTest("the first step already moves w", [-1.9, 0.01, 0.3, 3], "w-before-v", orderHint),
  await trajectoryTest("the gradient is taken at w", [2, 0.02, 0.9, 8], "nesterov-look-ahead", nesterovHint),
  await trajectoryTest("a high momentum from the far left", [-2, 0.005, 0.95, 30], "nesterov-look-ahead", nesterovHint),
  await trajectoryTest("from w = 0 only the constant term of f′ pushes", [0, 0.05, 0.5, 10], "wrong-derivative", derivativeHint),
  await trajectoryTest("a start far to the left", [-2.5, 0.01, 0.7, 40], "wrong-derivative", derivativeHint),
  await trajectoryTest("zero steps give the start alone", [1.5, 0.1, 0.9, 0], "zero-steps", "with steps = 0 the trajectory is [w0]"),
  await trajectoryTest("the trajectory starts at w0", [0.3, 0.05, 0.7, 5], "w0-missing", firstHint),
  await trajectoryTest("steps + 1 values", [-1, 0.02, 0.6, 12], "extra-step", lengthHint),
  await trajectoryTest("a single step gives two values", [0.7, 0.03, 0.8, 1], "extra-step", lengthHint),
  await trajectoryTest("momentum 0 is plain gradient descent", [2, 0.05, 0, 30], "gradient-sign", signHint),
  await trajectoryTest("momentum 0 settles in the local minimum", [1, 0.02, 0, 150], "wrong-derivative", derivativeHint),
  await trajectoryTest("enough momentum carries the ball over the barrier", [2.2, 0.02, 0.9, 120], "momentum-ignored", momentumHint),
  await trajectoryTest("a start just left of the barrier", [0.05, 0.05, 0.8, 60], "momentum-ignored", momentumHint),
  await trajectoryTest("momentum 0.5 is not enough here", [2, 0.05, 0.5, 60], "damped-gradient", dampedHint),
  await trajectoryTest("momentum scales only the old velocity", [1.7, 0.02, 0.9, 10], "damped-gradient", dampedHint),
  await trajectoryTest("the learning rate scales only the gradient", [-1.2, 0.03, 0.8, 20], "lr-twice", lrHint),
  await trajectoryTest("a tiny learning rate", [0.9, 0.001, 0.9, 50], "lr-twice", lrHint),
  await trajectoryTest("many steps", [-0.3, 0.01, 0.9, 300], "momentum-ignored", momentumHint),
  await trajectoryTest("the same trajectory when called again", [1.5, 0.03, 0.9, 25], "state-in-module", "keep the velocity in a local variable: each call starts again from v = 0", {
    repeat: 3,
  }),
];

export default defineExercise({
  id: "momentum-escape",
  title: "Momentum over the barrier",
  topic: "Optimizers",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["momentumTrajectory"],
  examples: [
    await drawnExample("example: momentumTrajectory(2, 0.05, 0, 40): no momentum, the ball settles near 1.35 (drawn)", [2, 0.05, 0, 40]),
    await drawnExample("example: momentumTrajectory(2, 0.05, 0.8, 60): over the barrier to the global minimum near −1.47 (drawn)", [2, 0.05, 0.8, 60]),
    await example("example: momentumTrajectory(1, 0.1, 0.5, 2)", [1, 0.1, 0.5, 2]),
  ],
  tests: [...trajectories, ...rejects],
});
