import * as tf from "@tensorflow/tfjs";
import { returnsNewArray } from "../../lib/exercises/authoring/fresh";
import { withHostTfjs } from "../../lib/exercises/authoring/trajectories";
import { check, close, findMismatch, formatMismatch, type Comparator } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { toValue } from "../../lib/grading/value";

type Test = CodeExerciseInput["tests"][number];
type Matrix = number[][];
/** [x, gamma, beta, movingMean, movingVar, epsilon?] */
type Args = [Matrix, number[], number[], number[], number[], number?];

const TOL = { rtol: 1e-4, atol: 1e-6 };

/** The catalogue's formula in float64, written out here apart from solution.ts. */
function float64Formula([x, gamma, beta, mean, variance, epsilon = 1e-3]: Args): Matrix {
  return x.map((row) => row.map((v, j) => (gamma[j]! * (v - mean[j]!)) / Math.sqrt(variance[j]! + epsilon) + beta[j]!));
}

/** The same formula with every operation rounded to float32, as a Float32Array solution computes it. */
function float32Formula([x, gamma, beta, mean, variance, epsilon = 1e-3]: Args): Matrix {
  const f = Math.fround;
  return x.map((row) => row.map((v, j) => f(f(f(f(gamma[j]!) * f(f(v) - f(mean[j]!))) / f(Math.sqrt(f(f(variance[j]!) + f(epsilon))))) + f(beta[j]!))));
}

/**
 * Independent reference: Keras' BatchNormalization layer as tfjs implements it, in inference mode
 * (training = false), its four weights set to gamma, beta and the moving statistics. An omitted epsilon
 * is omitted here too, so the layer's own default (1e-3) is checked as well.
 */
async function kerasLayer([x, gamma, beta, movingMean, movingVar, epsilon]: Args): Promise<Matrix> {
  return withHostTfjs(async () => {
    const layer = tf.layers.batchNormalization({ axis: -1, ...(epsilon === undefined ? {} : { epsilon }) });
    try {
      return tf.tidy(() => {
        layer.build([null, gamma.length]);
        layer.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta), tf.tensor1d(movingMean), tf.tensor1d(movingVar)]);
        return (layer.apply(tf.tensor2d(x), { training: false }) as tf.Tensor2D).arraySync();
      });
    } finally {
      // The layer's variables live outside tidy; the layer was never called symbolically, so free them directly.
      for (const w of layer.weights) w.dispose();
    }
  });
}

/**
 * A student computing in float32 (tfjs tensors, a Float32Array) must never fail for it: every input is
 * checked here, at load, to give float32 results (a Math.fround formula and the tfjs layer) within a tenth
 * of the tolerance of float64.
 */
function assertFloat32Agrees(name: string, exact: Matrix, ...float32: Matrix[]): void {
  for (const run of float32) {
    exact.forEach((row, i) =>
      row.forEach((e, j) => {
        const d = Math.abs((run[i]?.[j] ?? Number.NaN) - e);
        if (!(d <= 0.1 * (TOL.atol + TOL.rtol * Math.abs(e)))) {
          throw new Error(`batch-norm-inference, "${name}": float32 and float64 differ by ${d} at row ${i}, feature ${j}; choose another input`);
        }
      }),
    );
  }
}

/** Within the tolerance of the float64 reference solution and of tfjs' layer on the same arguments. */
function agrees(layerResult: Matrix): Comparator {
  return check((result, { expected }) => {
    const actual = toValue(result);
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, TOL);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(toValue(layerResult), actual, TOL);
    return m ? `${formatMismatch(m, false)} (compared with tfjs' BatchNormalization layer)` : true;
  });
}

async function verified(name: string, args: Args): Promise<Matrix> {
  const layer = await kerasLayer(args);
  assertFloat32Agrees(name, float64Formula(args), float32Formula(args), layer);
  return layer;
}

async function t(name: string, args: Args, misconception: string, hint: string, extra: Partial<Test> = {}): Promise<Test> {
  return { name, call: "batchNormInference", args: [...args], compare: agrees(await verified(name, args)), misconception, hint, ...extra };
}

async function example(name: string, args: Args): Promise<Test> {
  await verified(name, args);
  return { name, call: "batchNormInference", args: [...args], compare: close(TOL) };
}

/** Deterministic batches: feature j is centred near 2j − 1 with a spread near 1 + j/2 (no randomness in tests). */
const batch = (rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.round((Math.sin(i * 1.9 + j * 0.7 + 0.3) * (1 + j / 2) + 2 * j - 1) * 1000) / 1000));

const movingHint = "at inference use movingMean and movingVar, the statistics learnt in training, never the mean and variance of this batch";
const oneRowHint = "a batch of one row is valid at inference: the moving statistics do not depend on the batch";
const epsHint = "epsilon goes inside the square root: √(movingVar + epsilon)";
const epsDefaultHint = "epsilon defaults to 1e-3, as in Keras";
const epsArgHint = "use the epsilon you are given";
const swapHint = "gamma scales the normalised value and beta shifts it: gamma · x̂ + beta";
const varianceHint = "movingVar is a variance: divide by its square root, √(movingVar + epsilon), not by movingVar itself and not by √(√movingVar + epsilon)";
const columnHint = "the parameters belong to the features (columns): entry j of every row uses gamma[j], beta[j], movingMean[j] and movingVar[j]";
const meanHint = "subtract the moving mean: x − movingMean";
const betaHint = "beta is added after the scaling by gamma: gamma · x̂ + beta, not gamma · (x̂ + beta)";

const tests: Test[] = [
  await t("a batch of three rows", [[[1, 2], [3, -1], [5, 0.5]], [1, 1], [0, 0], [2, -0.5], [4, 2.25]], "batch-statistics", movingHint),
  await t("a batch of one row", [[[0.5, -1.5, 3]], [2, 0.5, -1], [0.1, 0, 0.3], [0, -1, 2], [1, 0.25, 9]], "batch-statistics", oneRowHint),
  await t("identical rows", [[[1.2, -0.4], [1.2, -0.4], [1.2, -0.4]], [1.5, 0.8], [0.2, -0.3], [0.7, 0.1], [0.36, 2]], "batch-statistics", movingHint),
  await t("the moving statistics, not the batch's", [batch(8, 3), [1, 1, 1], [0, 0, 0], [0.5, 1, 2], [2, 1, 0.5]], "batch-statistics", movingHint),
  await t("a small moving variance shows where epsilon goes", [[[0.05, 1], [0.12, 2], [-0.03, 0.5]], [1, 1], [0, 0], [0.04, 1.2], [0.004, 0.01]], "epsilon-outside-sqrt", epsHint),
  await t("a moving variance of 0", [[[1, 2], [3, 4]], [1, 0.5], [0, 1], [2, 3], [0, 0.5]], "epsilon-outside-sqrt", epsHint),
  await t("epsilon omitted", [[[0.1, 0.5], [0.15, 0.45], [0.2, 0.55]], [1, 1], [0, 0], [0.14, 0.52], [0.0025, 0.004]], "wrong-default-epsilon", epsDefaultHint),
  await t("epsilon given as 1e-5", [[[0.1, 0.5], [0.15, 0.45], [0.2, 0.55]], [1, 1], [0, 0], [0.14, 0.52], [0.0025, 0.004], 1e-5], "ignores-epsilon-argument", epsArgHint),
  await t("epsilon given as 0", [[[0.01, 1], [0.03, 3], [0.05, 2]], [1, 1], [0, 0], [0.02, 2.5], [0.0004, 0.81], 0], "zero-epsilon-replaced-by-default", "0 is a valid epsilon: use the default only when the argument is missing (a default parameter, or ??), not when it is 0 (||)"),
  await t("epsilon given as 0.5", [[[1, 2], [2, 0], [3, 1]], [1, 1], [0, 0], [2, 1], [1, 0.5], 0.5], "ignores-epsilon-argument", epsArgHint),
  await t("gamma and beta per feature", [[[1, 2], [3, 5], [2, 8]], [3, -0.5], [10, -4], [2, 5], [1, 4]], "gamma-beta-swapped", swapHint),
  await t("a negative gamma flips the feature", [[[0, 1], [2, -1]], [-2, 0.25], [0.5, 3], [1, 0], [0.5, 1.5]], "gamma-beta-swapped", swapHint),
  await t("a moving variance far from 1", [[[3, 10], [-1, 2], [0, 6]], [1, 1], [0, 0], [1, 6], [9, 16]], "std-for-variance", varianceHint),
  await t("a moving variance below 1", [[[0.2, -0.1], [0.6, 0.4]], [1, 2], [0, -1], [0.3, 0.1], [0.25, 0.09]], "std-for-variance", varianceHint),
  await t("more rows than features", [[[1, 2], [3, 4], [5, 6], [7, 8]], [1, 2], [0.5, -0.5], [4, 5], [5, 3]], "row-indexing", columnHint),
  await t("more features than rows", [[[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]], [1, 2, 3, 0.5, 1, 1], [0, 0.1, 0.2, 0.3, 0.4, 0.5], [2.5, 2.5, 2.5, 2.5, 2.5, 2.5], [1, 2, 3, 4, 5, 6]], "row-indexing", columnHint),
  await t("a single feature", [[[2], [-3], [0.5], [7]], [1.5], [-1], [1], [4]], "mean-sign", meanHint),
  await t("a negative moving mean", [[[-3, -1], [-5, -2], [-4, -6]], [1, 1], [0, 0], [-4, -3], [1, 4]], "mean-sign", meanHint),
  await t("beta is added after the scaling", [[[1, 4], [2, 6]], [2, 3], [1, -2], [1.5, 5], [0.25, 1]], "beta-inside", betaHint),
  await t("a larger batch", [batch(16, 4), [1, 0.5, 2, -1], [0, 0.1, -0.2, 0.3], [-1, 1, 3, 5], [1, 2.25, 4, 6.25]], "batch-statistics", movingHint),
  await t("values in the thousands", [[[1010, -3], [990, -1], [1003, -2]], [1, 1], [0, 0], [1000, -2], [100, 0.5]], "batch-statistics", movingHint),
  returnsNewArray("returns a new matrix, not x normalised in place", "batchNormInference", [[[1, 2], [3, 4], [5, 9]], [1, 2], [0, 1], [2, 4], [4, 9]], 0, {
    misconception: "mutates-input",
    hint: "build the result as a new array; do not overwrite x and hand it back",
  }),
  await t("the same result when called twice", [[[1, 2], [2, 1]], [1, 1], [0, 0], [1, 1], [1, 1]], "hidden-state", "compute from the arguments alone; keep no state between calls", { repeat: 3 }),
];

export default defineExercise({
  id: "batch-norm-inference",
  title: "Batch normalization at inference",
  topic: "Batch normalization",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["batchNormInference"],
  examples: [
    await example("example: batchNormInference([[1, 2], [3, 6]], [1, 1], [0, 0], [1, 2], [4, 1])", [[[1, 2], [3, 6]], [1, 1], [0, 0], [1, 2], [4, 1]]),
    await example("example: one row, epsilon 0: batchNormInference([[4, -1]], [2, 1], [0.5, 0], [2, 1], [1, 4], 0)", [[[4, -1]], [2, 1], [0.5, 0], [2, 1], [1, 4], 0]),
  ],
  tests,
});
