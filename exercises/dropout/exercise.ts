import * as tf from "@tensorflow/tfjs";
import { check, close, exact, findMismatch, formatMismatch, throws, type Comparator } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { toValue } from "../../lib/grading/value";
import { returnsNewArray } from "../../lib/exercises/authoring/fresh";

type Test = CodeExerciseInput["tests"][number];

/*
 * Independent reference: tfjs' own tf.dropout. It keeps a unit when floor(u + (1 − rate)) = 1, that is
 * when u ≥ rate, and scales by 1/(1 − rate): the catalogue's rule. With a seed its uniform noise u is
 * tf.randomUniform(shape, 0, 1, "float32", seed), so these tests pass exactly that noise to the student
 * and compare with tf.dropout(x, rate, undefined, seed) computed on the host.
 */
const SEEDED = [
  { n: 16, rate: 0.3, seed: 7 },
  { n: 24, rate: 0.5, seed: 2024 },
  { n: 12, rate: 0.8, seed: 99 },
];
const seededX = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.round(Math.sin(i * 1.9 + 0.3) * 4000) / 1000);
const seededNoise = (n: number, seed: number): number[] => tf.tidy(() => Array.from(tf.randomUniform([n], 0, 1, "float32", seed).dataSync()));
const tfjsDropout = (x: number[], rate: number, seed: number): number[] => tf.tidy(() => Array.from(tf.dropout(tf.tensor1d(x), rate, undefined, seed).dataSync()));

const TOL = { rtol: 1e-4, atol: 1e-6 };
function agreesWith(reference: number[]): Comparator {
  return check((result, { expected }) => {
    const actual = toValue(result);
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, TOL);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(toValue(reference), actual, TOL);
    return m ? `${formatMismatch(m, false)} (compared with tfjs' tf.dropout)` : true;
  });
}

const scaleHint = "inverted dropout divides the kept units by (1 − rate), so that their expected sum stays the same";
const inferenceHint = "at inference (training = false) dropout does nothing: return a copy of x, neither masked nor scaled";
const maskHint = "drop unit i exactly when noise[i] < rate: a noise value equal to the rate keeps its unit";
const rangeHint = "throw a RangeError unless 0 ≤ rate < 1; a comparison with NaN is always false, so test for the valid range";

const badRates: [string, number][] = [
  ["a rate of 1", 1],
  ["a rate above 1", 1.5],
  ["a negative rate", -0.1],
  ["a NaN rate", Number.NaN],
  ["an infinite rate", Number.POSITIVE_INFINITY],
];
const rejects: Test[] = badRates.flatMap(([what, rate]): Test[] => [
  {
    name: `rejects ${what} in training`,
    call: "dropout",
    args: [[1, 2, 3], rate, [0.5, 0.5, 0.5], true],
    compare: throws("RangeError"),
    misconception: Number.isNaN(rate) ? "nan-rate-accepted" : "no-validation",
    hint: rangeHint,
  },
  {
    name: `rejects ${what} at inference`,
    call: "dropout",
    args: [[1, 2, 3], rate, [0.5, 0.5, 0.5], false],
    compare: throws("RangeError"),
    misconception: "validates-only-in-training",
    hint: "check the rate before anything else: a bad rate is an error at inference too",
  },
]);

export default defineExercise({
  id: "dropout",
  title: "Inverted dropout",
  topic: "Generalization",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["dropout"],
  examples: [
    { name: "example: dropout([1, 2, 3, 4], 0.5, [0.1, 0.7, 0.4, 0.9], true)", call: "dropout", args: [[1, 2, 3, 4], 0.5, [0.1, 0.7, 0.4, 0.9], true], compare: close() },
    { name: "example: dropout([1, 2, 3, 4], 0.5, [0.1, 0.7, 0.4, 0.9], false)", call: "dropout", args: [[1, 2, 3, 4], 0.5, [0.1, 0.7, 0.4, 0.9], false], compare: close() },
  ],
  tests: [
    { name: "training scales the kept units", call: "dropout", args: [[2, 4, 6, 8, 10], 0.2, [0.9, 0.1, 0.5, 0.3, 0.05], true], compare: close(), misconception: "scale-by-keep-probability", hint: scaleHint },
    { name: "training with a high rate", call: "dropout", args: [[1, -2, 3, -4], 0.75, [0.8, 0.2, 0.9, 0.76], true], compare: close(), misconception: "scale-by-keep-probability", hint: scaleHint },
    { name: "training with negative activations", call: "dropout", args: [[-1.5, 0.5, -2.5, 3], 0.4, [0.45, 0.39, 0.99, 0.41], true], compare: close(), misconception: "no-rescale", hint: scaleHint },
    { name: "a noise value equal to the rate keeps its unit", call: "dropout", args: [[1, 2, 3, 4], 0.25, [0.25, 0.5, 0.25, 0.1], true], compare: close(), misconception: "drops-when-noise-equals-rate", hint: maskHint },
    { name: "rate 0 keeps every unit, even at noise 0", call: "dropout", args: [[1, -2, 3], 0, [0, 0.5, 0], true], compare: close(), misconception: "drops-when-noise-equals-rate", hint: maskHint },
    { name: "rate 0 in training returns x", call: "dropout", args: [[0.5, 1.5, -2], 0, [0.3, 0.6, 0.9], true], compare: close(), misconception: "rate-zero" },
    { name: "the noise decides which units drop", call: "dropout", args: [[1, 1, 1, 1, 1, 1], 0.5, [0.6, 0.4, 0.51, 0.49, 0.99, 0.01], true], compare: close(), misconception: "inverted-mask", hint: "a unit whose noise is below the rate is dropped, not kept" },
    { name: "every unit dropped", call: "dropout", args: [[3, 1, 4], 0.9, [0.1, 0.2, 0.3], true], compare: close(), misconception: "inverted-mask", hint: maskHint },
    { name: "no unit dropped still scales", call: "dropout", args: [[3, 1, 4], 0.1, [0.5, 0.6, 0.7], true], compare: close(), misconception: "no-rescale", hint: scaleHint },
    { name: "inference returns x unchanged", call: "dropout", args: [[1, 2, 3, 4], 0.5, [0.1, 0.7, 0.4, 0.9], false], compare: exact(), misconception: "drops-at-inference", hint: inferenceHint },
    { name: "inference does not scale", call: "dropout", args: [[2, -4, 6], 0.2, [0.9, 0.8, 0.7], false], compare: exact(), misconception: "scales-at-inference", hint: inferenceHint },
    { name: "inference with rate 0", call: "dropout", args: [[5, 6], 0, [0, 0], false], compare: exact(), misconception: "drops-at-inference", hint: inferenceHint },
    returnsNewArray("inference returns a new array, not x itself", "dropout", [[1.5, -2, 0.25], 0.3, [0.2, 0.9, 0.5], false], 0, {
      misconception: "returns-argument-at-inference",
      hint: "return a copy (x.slice() or [...x]): the caller may change the result without changing x",
    }),
    { name: "an empty vector", call: "dropout", args: [[], 0.5, [], true], compare: close() },
    { name: "an empty vector at inference", call: "dropout", args: [[], 0.5, [], false], compare: close() },
    ...SEEDED.map(({ n, rate, seed }): Test => {
      const x = seededX(n);
      return {
        name: `matches tf.dropout with rate ${rate}`,
        call: "dropout",
        args: [x, rate, seededNoise(n, seed), true],
        compare: agreesWith(tfjsDropout(x, rate, seed)),
        misconception: "scale-by-keep-probability",
        hint: scaleHint,
      };
    }),
    ...rejects,
    { name: "rejects a bad rate with a RangeError", call: "dropout", args: [[1], 2, [0.5], true], compare: throws("RangeError"), misconception: "wrong-error-class", hint: "throw a RangeError, not a plain Error" },
    { name: "accepts a rate just below 1", call: "dropout", args: [[1, 2], 0.99, [0.995, 0.5], true], compare: close(), misconception: "rejects-valid-rate", hint: "every rate from 0 up to (but not including) 1 is valid" },
    { name: "does not modify its arguments", call: "dropout", args: [[1, 2, 3, 4], 0.5, [0.9, 0.1, 0.8, 0.2], true], compare: close(), misconception: "mutates-input", hint: "build a new array; do not zero or scale x in place" },
    { name: "does not modify its arguments at inference", call: "dropout", args: [[1, 2, 3], 0.5, [0.9, 0.1, 0.8], false], compare: exact(), misconception: "mutates-input", hint: "build a new array; do not zero or scale x in place" },
    { name: "same result when called twice", call: "dropout", args: [[1, 2, 3], 0.5, [0.2, 0.6, 0.9], true], compare: close(), repeat: 3, misconception: "ignores-noise", hint: "use the noise you are given, not Math.random" },
  ],
});
