import * as tf from "@tensorflow/tfjs";
import { check, close, findMismatch, formatMismatch, type Comparator } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { toValue } from "../../lib/grading/value";

type Test = CodeExerciseInput["tests"][number];
type Matrix = number[][];

/*
 * Independent references, on the host, in float32:
 * - Keras' own BatchNormalization layer as tfjs implements it (tf.layers.batchNormalization), applied with
 *   training = true: its output is y, and afterwards its moving mean and variance are the moving averages
 *   of the batch statistics (tfjs: moving − (moving − batch)·(1 − momentum)). Arguments the test omits are
 *   omitted here too, so the layer's own defaults (epsilon 1e-3, momentum 0.99) are checked as well.
 * - tf.moments(x, 0) for the batch mean and the biased batch variance.
 */
interface LayerRun {
  y: Matrix;
  movingMean: number[];
  movingVar: number[];
}
function kerasLayer(x: Matrix, gamma: number[], beta: number[], opts: { epsilon?: number; momentum?: number; movingMean?: number[]; movingVar?: number[] }): LayerRun {
  const d = gamma.length;
  const layer = tf.layers.batchNormalization({
    axis: -1,
    ...(opts.epsilon === undefined ? {} : { epsilon: opts.epsilon }),
    ...(opts.momentum === undefined ? {} : { momentum: opts.momentum }),
  });
  try {
    return tf.tidy(() => {
      layer.build([null, d]);
      layer.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta), tf.tensor1d(opts.movingMean ?? gamma.map(() => 0)), tf.tensor1d(opts.movingVar ?? gamma.map(() => 1))]);
      const y = layer.apply(tf.tensor2d(x), { training: true }) as tf.Tensor2D;
      const [, , movingMean, movingVar] = layer.getWeights();
      return { y: y.arraySync(), movingMean: Array.from(movingMean?.dataSync() ?? []), movingVar: Array.from(movingVar?.dataSync() ?? []) };
    });
  } finally {
    // The layer's variables live outside tidy; the layer was never called symbolically, so free them directly.
    for (const w of layer.weights) w.dispose();
  }
}
const moments = (x: Matrix): { mean: number[]; variance: number[] } =>
  tf.tidy(() => {
    const m = tf.moments(tf.tensor2d(x), 0);
    return { mean: Array.from(m.mean.dataSync()), variance: Array.from(m.variance.dataSync()) };
  });

const TOL = { rtol: 1e-4, atol: 1e-6 };
/** Agrees with the float64 reference solution and with `host(args)`, both within the default tolerance. */
function agrees(host: (args: unknown[]) => unknown, what: string): Comparator {
  return check((result, { args, expected }) => {
    const actual = toValue(result);
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, TOL);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(toValue(host(args)), actual, TOL);
    return m ? `${formatMismatch(m, false)} (compared with ${what})` : true;
  });
}
const vsLayerTrain = agrees((args) => {
  const [x, gamma, beta, epsilon] = args as [Matrix, number[], number[], number | undefined];
  return { y: kerasLayer(x, gamma, beta, { epsilon }).y, ...moments(x) };
}, "tfjs' BatchNormalization layer and tf.moments");

/** The float64 formula moving·momentum + batch·(1 − momentum), momentum 0.99 when omitted. */
const vsFormula = agrees((args) => {
  const [mm, mv, mean, variance, momentum = 0.99] = args as [number[], number[], number[], number[], number?];
  return {
    movingMean: mm.map((m, j) => m * momentum + (mean[j] ?? Number.NaN) * (1 - momentum)),
    movingVar: mv.map((v, j) => v * momentum + (variance[j] ?? Number.NaN) * (1 - momentum)),
  };
}, "Keras' moving-average formula");

/** Deterministic batches: feature j has mean ≈ j − 1 and spread ≈ 1 + j/2 (no randomness in tests). */
const batch = (rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.round((Math.sin(i * 2.7 + j * 1.1 + 0.5) * (1 + j / 2) + j - 1) * 1000) / 1000));
/** Batch mean and biased variance in float64, to build updateMovingStats arguments from a batch. */
function stats64(x: Matrix): { mean: number[]; variance: number[] } {
  const n = x.length;
  const mean = (x[0] ?? []).map((_, j) => x.reduce((s, r) => s + (r[j] ?? 0), 0) / n);
  const variance = mean.map((m, j) => x.reduce((s, r) => s + ((r[j] ?? 0) - m) ** 2, 0) / n);
  return { mean, variance };
}

/**
 * updateMovingStats after one training batch, checked against the layer's own moving averages: the layer
 * starts from the same moving statistics and sees the batch x whose float64 statistics are the arguments.
 */
function afterBatch(name: string, x: Matrix, movingMean: number[], movingVar: number[], momentum?: number): Test {
  const { mean, variance } = stats64(x);
  const gamma = movingMean.map(() => 1);
  const run = kerasLayer(x, gamma, gamma.map(() => 0), { momentum, movingMean, movingVar });
  return {
    name,
    call: "updateMovingStats",
    args: momentum === undefined ? [movingMean, movingVar, mean, variance] : [movingMean, movingVar, mean, variance, momentum],
    compare: agrees(() => ({ movingMean: run.movingMean, movingVar: run.movingVar }), "tfjs' BatchNormalization layer"),
    misconception: momentum === undefined ? "wrong-default-momentum" : "momentum-reversed",
    hint: momentum === undefined ? "momentum defaults to 0.99, as in Keras" : "the old moving value is weighted by momentum, the batch value by (1 − momentum)",
  };
}

const biasedHint = "batch normalization uses the biased batch variance: divide by n, not n − 1";
const columnHint = "normalize each feature (column) over the samples of the batch, not each sample over its features";
const epsHint = "epsilon goes inside the square root: √(variance + epsilon)";
const epsDefaultHint = "epsilon defaults to 1e-3, as in Keras";
const epsArgHint = "use the epsilon you are given";
const gammaHint = "gamma scales the normalized value and beta shifts it: gamma · x̂ + beta";
const momentumHint = "the old moving value is weighted by momentum, the batch value by (1 − momentum)";
const movingDefaultHint = "momentum defaults to 0.99, as in Keras";

export default defineExercise({
  id: "batch-norm",
  title: "Batch normalization",
  topic: "Batch normalization",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["batchNormTrain", "updateMovingStats"],
  examples: [
    { name: "example: batchNormTrain([[1, 2], [3, 6]], [1, 1], [0, 0])", call: "batchNormTrain", args: [[[1, 2], [3, 6]], [1, 1], [0, 0]], compare: close() },
    { name: "example: updateMovingStats([0, 1], [1, 1], [2, 0.5], [4, 0.25], 0.9)", call: "updateMovingStats", args: [[0, 1], [1, 1], [2, 0.5], [4, 0.25], 0.9], compare: close() },
  ],
  tests: [
    // ---- batchNormTrain
    { name: "a batch of four samples", call: "batchNormTrain", args: [[[1, 2, 0], [3, -2, 1], [5, 4, 1], [7, 0, 2]], [1, 2, 0.5], [0, 1, -1]], compare: vsLayerTrain, misconception: "sample-variance", hint: biasedHint },
    { name: "a batch of two samples", call: "batchNormTrain", args: [[[1, 10], [3, 14]], [1, 1], [0, 0]], compare: vsLayerTrain, misconception: "sample-variance", hint: biasedHint },
    { name: "a single sample in the batch", call: "batchNormTrain", args: [[[1, -2, 3]], [2, 3, 4], [0.5, -0.5, 1]], compare: vsLayerTrain, misconception: "sample-variance", hint: "with one sample the batch variance is 0 and every x equals the mean: y is beta" },
    { name: "a constant feature", call: "batchNormTrain", args: [[[2, 1], [2, 4], [2, -3]], [1.5, 1], [0.25, 0]], compare: vsLayerTrain, misconception: "divides-by-zero", hint: "a feature with variance 0 must still give finite values: epsilon keeps the denominator positive" },
    { name: "per feature, not per sample", call: "batchNormTrain", args: [[[1, 100], [2, 300], [3, 200], [4, 400], [5, 0]], [1, 1], [0, 0]], compare: vsLayerTrain, misconception: "normalizes-rows", hint: columnHint },
    { name: "a wide batch", call: "batchNormTrain", args: [[[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]], [1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]], compare: vsLayerTrain, misconception: "normalizes-rows", hint: columnHint },
    { name: "a feature with a small spread", call: "batchNormTrain", args: [[[0.1, 1], [0.2, 3], [0.3, 5], [0.05, 2]], [1, 1], [0, 0]], compare: vsLayerTrain, misconception: "epsilon-outside-sqrt", hint: epsHint },
    { name: "a tiny spread shows where epsilon goes", call: "batchNormTrain", args: [[[0.01], [0.03], [0.05], [0.07]], [1], [0]], compare: vsLayerTrain, misconception: "epsilon-outside-sqrt", hint: epsHint },
    { name: "epsilon omitted", call: "batchNormTrain", args: [[[0.1, 0.5], [0.15, 0.45], [0.2, 0.55]], [1, 1], [0, 0]], compare: vsLayerTrain, misconception: "wrong-default-epsilon", hint: epsDefaultHint },
    { name: "epsilon given as 1e-5", call: "batchNormTrain", args: [[[0.1, 0.5], [0.15, 0.45], [0.2, 0.55]], [1, 1], [0, 0], 1e-5], compare: vsLayerTrain, misconception: "ignores-epsilon-argument", hint: epsArgHint },
    { name: "epsilon given as 0", call: "batchNormTrain", args: [[[0.01, 1], [0.03, 3], [0.05, 2]], [1, 1], [0, 0], 0], compare: vsLayerTrain, misconception: "zero-epsilon-replaced-by-default", hint: "0 is a valid epsilon: use the default only when the argument is missing (a default parameter, or ??), not when it is 0 (||)" },
    { name: "epsilon given as 0.1", call: "batchNormTrain", args: [[[1, 2], [2, 0], [3, 1]], [1, 1], [0, 0], 0.1], compare: vsLayerTrain, misconception: "ignores-epsilon-argument", hint: epsArgHint },
    { name: "gamma and beta per feature", call: "batchNormTrain", args: [[[1, 2], [3, 5], [2, 8]], [3, -0.5], [10, -4]], compare: vsLayerTrain, misconception: "gamma-beta-swapped", hint: gammaHint },
    { name: "returns the variance, not the standard deviation", call: "batchNormTrain", args: [[[0, 0], [4, 10], [8, 20]], [1, 1], [0, 0]], compare: vsLayerTrain, misconception: "returns-std", hint: "the variance field is the mean squared deviation, without a square root" },
    { name: "a larger batch", call: "batchNormTrain", args: [batch(16, 4), [1, 0.5, 2, -1], [0, 0.1, -0.2, 0.3]], compare: vsLayerTrain, misconception: "sample-variance", hint: biasedHint },
    { name: "negative values", call: "batchNormTrain", args: [[[-3, -1], [-5, -2], [-4, -6]], [1, 1], [0, 0]], compare: vsLayerTrain },
    { name: "does not modify its arguments", call: "batchNormTrain", args: [[[1, 2], [3, 4], [5, 9]], [1, 2], [0, 1]], compare: vsLayerTrain, misconception: "mutates-input", hint: "build y as a new array; do not subtract the mean from x in place" },
    { name: "batchNormTrain called twice", call: "batchNormTrain", args: [[[1, 2], [2, 1]], [1, 1], [0, 0]], compare: vsLayerTrain, repeat: 3, misconception: "hidden-state", hint: "compute from the arguments alone; keep no state between calls" },

    // ---- updateMovingStats
    { name: "momentum given", call: "updateMovingStats", args: [[0, 1, 2], [1, 1, 1], [4, -1, 2], [9, 0.5, 2], 0.9], compare: vsFormula, misconception: "momentum-reversed", hint: momentumHint },
    { name: "momentum given, far from 1/2", call: "updateMovingStats", args: [[10], [5], [0], [1], 0.75], compare: vsFormula, misconception: "momentum-reversed", hint: momentumHint },
    { name: "momentum omitted", call: "updateMovingStats", args: [[0, 1], [1, 2], [10, -5], [3, 0.5]], compare: vsFormula, misconception: "wrong-default-momentum", hint: movingDefaultHint },
    { name: "momentum 0 keeps only the batch", call: "updateMovingStats", args: [[1, 2], [3, 4], [5, 6], [7, 8], 0], compare: vsFormula, misconception: "momentum-reversed", hint: momentumHint },
    { name: "momentum 1 keeps only the moving value", call: "updateMovingStats", args: [[1, 2], [3, 4], [5, 6], [7, 8], 1], compare: vsFormula, misconception: "momentum-reversed", hint: momentumHint },
    { name: "mean and variance each update their own average", call: "updateMovingStats", args: [[0, 0], [1, 1], [2, 4], [0.5, 0.25], 0.5], compare: vsFormula, misconception: "swapped-stats", hint: "movingMean follows the batch mean, movingVar the batch variance" },
    afterBatch("after a training batch, momentum omitted", batch(8, 3), [0, 0, 0], [1, 1, 1]),
    afterBatch("after a training batch, momentum 0.9", batch(6, 2), [0.5, -1], [2, 0.5], 0.9),
    afterBatch("after a training batch, momentum 0.6", batch(5, 4), [1, 0, -1, 2], [1, 3, 0.5, 1], 0.6),
    { name: "updateMovingStats does not modify its arguments", call: "updateMovingStats", args: [[1, 2], [3, 4], [0, 0], [1, 1], 0.9], compare: vsFormula, misconception: "mutates-input", hint: "return new arrays; do not update movingMean and movingVar in place" },
    { name: "updateMovingStats called twice", call: "updateMovingStats", args: [[1], [1], [2], [2], 0.5], compare: vsFormula, repeat: 3, misconception: "hidden-state", hint: "the moving statistics come in as arguments: keep no copy of them between calls" },
  ],
});
