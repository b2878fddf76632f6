import * as tf from "@tensorflow/tfjs";
import { check, close, findMismatch, formatMismatch, type Comparator } from "../../lib/grading/compare";
import { defineExercise } from "../../lib/exercises/schema";
import { toValue } from "../../lib/grading/value";

type Args = unknown[];
type Matrix = number[][];

/*
 * Independent references: the HOST's own tfjs losses (float32, Keras' definitions). tfjs clips with
 * `epsilon()` of tfjs-layers, which is the backend's EPSILON_FLOAT32 = 1e-7: the catalogue's value.
 * - tf.losses.meanSquaredError with its default reduction is the mean over every element;
 * - tf.metrics.binaryCrossentropy on 1-D tensors is the mean over the samples;
 * - tf.metrics.categoricalCrossentropy gives one loss per sample; we average them.
 */
const hostMse = ([yTrue, yPred]: Args): number =>
  tf.tidy(() => tf.losses.meanSquaredError(tf.tensor2d(yTrue as Matrix), tf.tensor2d(yPred as Matrix)).dataSync()[0] ?? Number.NaN);
const hostBinary = ([yTrue, yPred]: Args): number =>
  tf.tidy(() => tf.metrics.binaryCrossentropy(tf.tensor1d(yTrue as number[]), tf.tensor1d(yPred as number[])).dataSync()[0] ?? Number.NaN);
const hostCategorical = ([yTrue, yPred]: Args): number =>
  tf.tidy(() => tf.mean(tf.metrics.categoricalCrossentropy(tf.tensor2d(yTrue as Matrix), tf.tensor2d(yPred as Matrix))).dataSync()[0] ?? Number.NaN);

const TIGHT = { rtol: 1e-4, atol: 1e-6 };

/**
 * The result must agree with the float64 reference solution AND with the host's tfjs, both within `tol`.
 * Messages never show values (these are hidden tests).
 */
function agreesWithTfjs(host: (args: Args) => number, tol = TIGHT): Comparator {
  return check((result, { args, expected }) => {
    const actual = toValue(result);
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, tol);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(toValue(host(args)), actual, tol);
    return m ? `${formatMismatch(m, false)} (compared with tfjs' own loss)` : true;
  });
}
const vsMse = agreesWithTfjs(hostMse);
const vsBinary = agreesWithTfjs(hostBinary);
const vsCategorical = agreesWithTfjs(hostCategorical);
/*
 * A prediction of exactly 1 for a label 0 costs −log(1 − clip(1)): 1 − (1 − 1e-7) is 1e-7 in float64 but
 * 1.19e-7 in float32 (1 − 1e-7 rounds to 0.99999988), a 1.1 % difference in the loss. Those tests allow
 * 2 %: enough for either precision, far too little for no clipping (Infinity) or another epsilon.
 */
const vsBinaryAtOne = agreesWithTfjs(hostBinary, { rtol: 0.02, atol: 1e-6 });

/** Deterministic data (no randomness: tests must be reproducible). */
const wave = (i: number, j: number): number => Math.sin(i * 2.3 + j * 0.7 + 0.4);
const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const regression = (rows: number, cols: number, shift: number): Matrix =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => round3(3 * wave(i, j) + shift * wave(j, i + 5))));
const probabilities = (n: number): number[] => Array.from({ length: n }, (_, i) => round3(0.05 + 0.9 * (0.5 + 0.5 * wave(i, 3))));
const labels = (n: number): number[] => Array.from({ length: n }, (_, i) => (wave(i, 1) > 0 ? 1 : 0));
const oneHotRows = (n: number, k: number): Matrix =>
  Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => (j === (i * 3 + 1) % k ? 1 : 0)));
/** Rows of probabilities that sum to 1: a softmax of deterministic scores. */
const softmaxRows = (n: number, k: number): Matrix =>
  Array.from({ length: n }, (_, i) => {
    const e = Array.from({ length: k }, (_, j) => Math.exp(2 * wave(i, j)));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });

const meanHint = "a mean over every element: divide the sum of squared errors by (samples × outputs)";
const squareHint = "square each error; the absolute error gives a different loss (MAE)";
const sampleMeanHint = "average the per-sample losses: divide by the number of samples";
const clipHint = "log(0) is -Infinity: clip every prediction to [1e-7, 1 − 1e-7] before taking a logarithm, as Keras does";
const epsilonInLogHint = "clip p to [1e-7, 1 − 1e-7]; adding 1e-7 inside the logarithm also changes the loss of small predictions that need no clipping";
const logHint = "cross-entropy uses the natural logarithm (Math.log), not log10 or log2";
const negativeTermHint = "a sample with label 0 still costs something: its term is −(1 − y)·log(1 − p)";
const elementsHint = "sum over the classes of each sample first, then average over the samples only";
const oneHotHint = "labels need not be one-hot (label smoothing gives soft labels): sum y·log(p) over every class";

export default defineExercise({
  id: "loss-functions",
  title: "Loss functions: MSE and cross-entropy",
  topic: "Losses",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["mse", "binaryCrossentropy", "categoricalCrossentropy"],
  examples: [
    { name: "example: mse([[1, 2], [3, 4]], [[1.5, 2], [2, 4.5]])", call: "mse", args: [[[1, 2], [3, 4]], [[1.5, 2], [2, 4.5]]], compare: close() },
    { name: "example: binaryCrossentropy([1, 0, 1], [0.9, 0.2, 0.6])", call: "binaryCrossentropy", args: [[1, 0, 1], [0.9, 0.2, 0.6]], compare: close() },
    {
      name: "example: categoricalCrossentropy of two samples",
      call: "categoricalCrossentropy",
      args: [[[0, 1, 0], [1, 0, 0]], [[0.1, 0.8, 0.1], [0.5, 0.3, 0.2]]],
      compare: close(),
    },
  ],
  tests: [
    // ---- mse
    { name: "mse over several samples and outputs", call: "mse", args: [[[1, -2], [0.5, 3], [2, 2]], [[2, -1], [0, 1], [2.5, 3]]], compare: vsMse, misconception: "sum-instead-of-mean", hint: meanHint },
    { name: "mse with one output per sample", call: "mse", args: [[[1], [2], [3], [4]], [[1.5], [1], [3.5], [6]]], compare: vsMse, misconception: "sum-instead-of-mean", hint: meanHint },
    { name: "mse of one sample with several outputs", call: "mse", args: [[[1, 2, 3, 4]], [[2, 2, 1, 5]]], compare: vsMse, misconception: "mean-over-samples-only", hint: meanHint },
    { name: "mse of wide rows", call: "mse", args: [[[0, 1, 2, 3, 4], [1, 1, 1, 1, 1]], [[1, 1, 0, 3, 6], [0, 2, 1, 3, 1]]], compare: vsMse, misconception: "mean-over-samples-only", hint: meanHint },
    { name: "mse with errors smaller than 1", call: "mse", args: [[[0.1, 0.2], [0.3, 0.4]], [[0.4, 0.1], [0.25, 0.9]]], compare: vsMse, misconception: "abs-instead-of-square", hint: squareHint },
    { name: "mse with errors of mixed sizes", call: "mse", args: [[[0, 0, 0]], [[0.5, 2, -3]]], compare: vsMse, misconception: "abs-instead-of-square", hint: squareHint },
    { name: "mse of a perfect prediction", call: "mse", args: [[[1.5, -2], [3, 0]], [[1.5, -2], [3, 0]]], compare: vsMse },
    { name: "mse with negative targets", call: "mse", args: [[[-1, -2.5], [-4, 3]], [[-1.5, 0], [-3, 2]]], compare: vsMse, misconception: "rmse", hint: "no square root: the mean of the squared errors is the loss" },
    { name: "mse of a larger batch", call: "mse", args: [regression(9, 4, 0), regression(9, 4, 0.8)], compare: vsMse, misconception: "sum-instead-of-mean", hint: meanHint },
    { name: "mse does not modify its arguments", call: "mse", args: [[[1, 2], [3, 4]], [[0, 2], [5, 5]]], compare: vsMse, misconception: "mutates-input", hint: "compute into new variables; do not write into yTrue or yPred" },
    { name: "mse called twice", call: "mse", args: [[[1, 2]], [[2, 4]]], compare: vsMse, repeat: 3, misconception: "hidden-state", hint: "start every call from fresh sums; do not keep totals in module-level variables" },

    // ---- binary cross-entropy
    { name: "binary cross-entropy of positive labels", call: "binaryCrossentropy", args: [[1, 1, 1], [0.9, 0.6, 0.3]], compare: vsBinary, misconception: "log10", hint: logHint },
    { name: "binary cross-entropy with both labels", call: "binaryCrossentropy", args: [[0, 1, 0, 1], [0.2, 0.7, 0.6, 0.95]], compare: vsBinary, misconception: "missing-negative-term", hint: negativeTermHint },
    { name: "binary cross-entropy of negative labels only", call: "binaryCrossentropy", args: [[0, 0], [0.1, 0.4]], compare: vsBinary, misconception: "missing-negative-term", hint: negativeTermHint },
    { name: "binary cross-entropy of several samples", call: "binaryCrossentropy", args: [[1, 0, 1, 1, 0], [0.8, 0.3, 0.55, 0.9, 0.05]], compare: vsBinary, misconception: "sum-instead-of-mean", hint: sampleMeanHint },
    { name: "binary cross-entropy of one sample", call: "binaryCrossentropy", args: [[1], [0.25]], compare: vsBinary, misconception: "wrong-sign", hint: "a loss is never negative: cross-entropy is −[y·log p + (1 − y)·log(1 − p)]" },
    { name: "binary cross-entropy of exact, right predictions", call: "binaryCrossentropy", args: [[1, 0], [1, 0]], compare: vsBinary, misconception: "no-clipping", hint: clipHint },
    { name: "binary cross-entropy with a prediction of 0 for a positive label", call: "binaryCrossentropy", args: [[1, 0, 1], [0, 0.3, 0.8]], compare: vsBinary, misconception: "no-clipping", hint: clipHint },
    { name: "binary cross-entropy with a prediction of 1 for a negative label", call: "binaryCrossentropy", args: [[0, 1], [1, 0.7]], compare: vsBinaryAtOne, misconception: "no-clipping", hint: "clip at both ends: 1 − p must not be 0 either" },
    { name: "binary cross-entropy with predictions at both ends", call: "binaryCrossentropy", args: [[1, 0, 0, 1], [0, 1, 0, 1]], compare: vsBinaryAtOne, misconception: "no-clipping", hint: clipHint },
    { name: "binary cross-entropy of a tiny prediction for a positive label", call: "binaryCrossentropy", args: [[1, 0], [1e-6, 0.5]], compare: vsBinary, misconception: "epsilon-added-not-clipped", hint: epsilonInLogHint },
    { name: "binary cross-entropy with soft labels", call: "binaryCrossentropy", args: [[0.9, 0.1, 0.5], [0.8, 0.3, 0.5]], compare: vsBinary, misconception: "assumes-hard-labels", hint: "compute both terms for every sample: labels may lie between 0 and 1" },
    { name: "binary cross-entropy of a larger batch", call: "binaryCrossentropy", args: [labels(12), probabilities(12)], compare: vsBinary, misconception: "sum-instead-of-mean", hint: sampleMeanHint },
    { name: "binary cross-entropy does not modify its arguments", call: "binaryCrossentropy", args: [[1, 0, 1], [1, 0, 0.5]], compare: vsBinary, misconception: "mutates-input", hint: "clip into a new value; do not write the clipped predictions back into yPred" },
    { name: "binary cross-entropy called twice", call: "binaryCrossentropy", args: [[1, 0], [0.7, 0.4]], compare: vsBinary, repeat: 3, misconception: "hidden-state" },

    // ---- categorical cross-entropy
    { name: "categorical cross-entropy of several samples", call: "categoricalCrossentropy", args: [[[1, 0, 0], [0, 0, 1], [0, 1, 0]], [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.25, 0.5, 0.25]]], compare: vsCategorical, misconception: "mean-over-elements", hint: elementsHint },
    { name: "categorical cross-entropy of four classes", call: "categoricalCrossentropy", args: [[[0, 0, 0, 1], [0, 1, 0, 0]], [[0.1, 0.1, 0.1, 0.7], [0.2, 0.4, 0.3, 0.1]]], compare: vsCategorical, misconception: "mean-over-elements", hint: elementsHint },
    { name: "categorical cross-entropy of one sample", call: "categoricalCrossentropy", args: [[[0, 1, 0]], [[0.2, 0.5, 0.3]]], compare: vsCategorical, misconception: "log10", hint: logHint },
    { name: "categorical cross-entropy summed the wrong way", call: "categoricalCrossentropy", args: [[[0, 1], [1, 0], [1, 0], [0, 1]], [[0.4, 0.6], [0.9, 0.1], [0.3, 0.7], [0.2, 0.8]]], compare: vsCategorical, misconception: "sum-instead-of-mean", hint: sampleMeanHint },
    { name: "categorical cross-entropy with zero probability for the true class", call: "categoricalCrossentropy", args: [[[1, 0, 0], [0, 1, 0]], [[0, 0.5, 0.5], [0.2, 0.6, 0.2]]], compare: vsCategorical, misconception: "no-clipping", hint: clipHint },
    { name: "categorical cross-entropy of exact one-hot predictions", call: "categoricalCrossentropy", args: [[[0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1]]], compare: vsCategorical, misconception: "no-clipping", hint: "0 · log(0) is NaN in floating point: clip the predictions before the logarithm" },
    { name: "categorical cross-entropy of a tiny probability for the true class", call: "categoricalCrossentropy", args: [[[0, 1, 0], [1, 0, 0]], [[0.5, 1e-6, 0.499999], [0.6, 0.3, 0.1]]], compare: vsCategorical, misconception: "epsilon-added-not-clipped", hint: epsilonInLogHint },
    { name: "categorical cross-entropy with smoothed labels", call: "categoricalCrossentropy", args: [[[0.05, 0.9, 0.05], [0.8, 0.1, 0.1]], [[0.2, 0.7, 0.1], [0.6, 0.3, 0.1]]], compare: vsCategorical, misconception: "assumes-one-hot", hint: oneHotHint },
    { name: "categorical cross-entropy of a larger batch", call: "categoricalCrossentropy", args: [oneHotRows(7, 5), softmaxRows(7, 5)], compare: vsCategorical, misconception: "mean-over-elements", hint: elementsHint },
    { name: "categorical cross-entropy does not modify its arguments", call: "categoricalCrossentropy", args: [[[1, 0], [0, 1]], [[1, 0], [0.5, 0.5]]], compare: vsCategorical, misconception: "mutates-input", hint: "clip into new values; do not write into yPred" },
    { name: "categorical cross-entropy called twice", call: "categoricalCrossentropy", args: [[[0, 1]], [[0.3, 0.7]]], compare: vsCategorical, repeat: 3, misconception: "hidden-state" },
  ],
});
