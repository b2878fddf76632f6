import * as tf from "@tensorflow/tfjs";
import { check, close, findMismatch, formatMismatch, type Comparator } from "../../lib/grading/compare";
import { defineExercise } from "../../lib/exercises/schema";
import { toValue } from "../../lib/grading/value";

/**
 * Independent reference: Keras' own L1L2 regularizer as tfjs implements it (tf.regularizers.l1l2),
 * applied to every row (a kernel, a bias…) and summed, in float32 on the host.
 */
function tfjsPenalty([weights, l1, l2]: unknown[]): number {
  const reg = tf.regularizers.l1l2({ l1: l1 as number, l2: l2 as number });
  let total = 0;
  for (const row of weights as number[][]) {
    if (row.length > 0) total += tf.tidy(() => reg.apply(tf.tensor1d(row)).dataSync()[0] ?? Number.NaN);
  }
  return total;
}

/** Agrees with the float64 reference solution and with tfjs' L1L2 (rtol 1e-4, atol 1e-6). */
const vsKeras: Comparator = check((result, { args, expected }) => {
  const actual = toValue(result);
  const tol = { rtol: 1e-4, atol: 1e-6 };
  if (expected !== undefined) {
    const m = findMismatch(toValue(expected), actual, tol);
    if (m) return formatMismatch(m, false);
  }
  const m = findMismatch(toValue(tfjsPenalty(args)), actual, tol);
  return m ? `${formatMismatch(m, false)} (compared with tfjs' L1L2 regularizer)` : true;
});

/** A deterministic kernel of `rows` × `cols` weights in (−1, 1) and a bias of `cols`. */
const layer = (rows: number, cols: number): number[][] => [
  ...Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.round(Math.sin(i * 3.1 + j * 1.3 + 0.2) * 1000) / 1000)),
  Array.from({ length: cols }, (_, j) => Math.round(Math.cos(j * 2.2) * 100) / 1000),
];

const absHint = "the L1 term adds the absolute value of every weight: negative weights count as much as positive ones";
const squareHint = "the L2 term is l2 times the plain sum of squares: no square root, no factor 1/2";
const everyRowHint = "visit every row, whatever its own length: a bias row may be shorter than the kernel's rows";
const coefHint = "l1 multiplies the sum of |w|, l2 multiplies the sum of w²";

export default defineExercise({
  id: "weight-penalty",
  title: "L1 and L2 weight penalties",
  topic: "Generalization",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["l1l2Penalty"],
  examples: [
    { name: "example: l1l2Penalty([[1, -2], [3]], 0.01, 0.001)", call: "l1l2Penalty", args: [[[1, -2], [3]], 0.01, 0.001], compare: close() },
    { name: "example: l1l2Penalty([[0.5, -0.5]], 0, 0.1)", call: "l1l2Penalty", args: [[[0.5, -0.5]], 0, 0.1], compare: close() },
  ],
  tests: [
    { name: "L1 only, with negative weights", call: "l1l2Penalty", args: [[[0.5, -1.5, 2], [-0.25, 0]], 0.1, 0], compare: vsKeras, misconception: "l1-without-abs", hint: absHint },
    { name: "L1 only, all weights negative", call: "l1l2Penalty", args: [[[-1, -2], [-3, -4]], 0.01, 0], compare: vsKeras, misconception: "l1-without-abs", hint: absHint },
    { name: "L2 only", call: "l1l2Penalty", args: [[[0.5, -1.5, 2], [-0.25, 0]], 0, 0.1], compare: vsKeras, misconception: "l2-norm-instead-of-squares", hint: squareHint },
    { name: "L2 only, weights above and below 1", call: "l1l2Penalty", args: [[[3, -0.2], [0.1, -4]], 0, 0.01], compare: vsKeras, misconception: "l2-abs-instead-of-square", hint: squareHint },
    { name: "L2 only, a single weight", call: "l1l2Penalty", args: [[[3]], 0, 0.5], compare: vsKeras, misconception: "half-l2", hint: squareHint },
    { name: "both terms with different coefficients", call: "l1l2Penalty", args: [[[1, -2, 0.5], [0.25, -0.75, 3]], 0.01, 0.001], compare: vsKeras, misconception: "swapped-coefficients", hint: coefHint },
    { name: "both terms, weights larger than 1", call: "l1l2Penalty", args: [[[4, -5], [6, 2]], 0.003, 0.02], compare: vsKeras, misconception: "swapped-coefficients", hint: coefHint },
    { name: "a kernel and a shorter bias row", call: "l1l2Penalty", args: [[[1, 2, 3], [-4, 5, -6], [0.5]], 0.01, 0.01], compare: vsKeras, misconception: "assumes-rectangular", hint: everyRowHint },
    { name: "a bias row longer than the first row", call: "l1l2Penalty", args: [[[2], [1, -1, 3, -2]], 0.1, 0.05], compare: vsKeras, misconception: "assumes-rectangular", hint: everyRowHint },
    { name: "every row counts, not only the first", call: "l1l2Penalty", args: [[[0.1, 0.2], [3, -4], [-5, 6]], 0.02, 0.002], compare: vsKeras, misconception: "first-row-only", hint: everyRowHint },
    { name: "a sum, not a mean", call: "l1l2Penalty", args: [[[1, 1, 1, 1], [2, 2, 2, 2]], 0.5, 0.25], compare: vsKeras, misconception: "mean-instead-of-sum", hint: "the penalty grows with the number of weights: add the terms up, do not average them" },
    { name: "a dense layer's kernel and bias", call: "l1l2Penalty", args: [layer(8, 6), 0.001, 0.01], compare: vsKeras, misconception: "first-row-only", hint: everyRowHint },
    { name: "no weights at all", call: "l1l2Penalty", args: [[], 0.01, 0.01], compare: vsKeras, misconception: "empty-weights", hint: "with no weights the penalty is 0" },
    { name: "an empty row among others", call: "l1l2Penalty", args: [[[], [1, -2], []], 0.1, 0.1], compare: vsKeras, misconception: "assumes-rectangular", hint: everyRowHint },
    { name: "both coefficients zero", call: "l1l2Penalty", args: [[[1, -2], [3, 4]], 0, 0], compare: vsKeras, misconception: "default-coefficients", hint: "a coefficient of 0 switches its term off: use the l1 and l2 you are given, even when they are 0" },
    { name: "all weights zero", call: "l1l2Penalty", args: [[[0, 0], [0]], 0.5, 0.5], compare: vsKeras },
    { name: "does not modify its arguments", call: "l1l2Penalty", args: [[[-1, 2], [-3]], 0.1, 0.1], compare: vsKeras, misconception: "mutates-input", hint: "read the weights; do not replace them with their absolute values or squares in place" },
    { name: "same result when called twice", call: "l1l2Penalty", args: [[[1, -1], [2]], 0.1, 0.01], compare: vsKeras, repeat: 3, misconception: "hidden-state", hint: "start every call from zero; do not keep the sum in a module-level variable" },
  ],
});
