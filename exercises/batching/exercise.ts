import { exact, throws } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];

const badInputs: [string, number, number, string?][] = [
  ["a non-integer number of samples", 10.5, 2],
  ["a non-integer batch size", 10, 2.5],
  ["a negative number of samples", -1, 3],
  ["a batch size of 0", 10, 0],
  ["a negative batch size", 10, -4],
  ["NaN samples", Number.NaN, 2],
  ["a NaN batch size", 10, Number.NaN],
  ["infinitely many samples", Number.POSITIVE_INFINITY, 2],
  // Math.floor(b) === b (or b % 1 === 0 written the other way round) lets Infinity through.
  ["an infinite batch size", 10, Number.POSITIVE_INFINITY, "infinity-passes-integer-check"],
];

const rejects = (fn: "stepsPerEpoch" | "batchSizes"): Test[] =>
  badInputs.map(([what, n, b, misconception]) => ({
    name: `${fn} rejects ${what}`,
    call: fn,
    args: [n, b],
    compare: throws("RangeError"),
    misconception: misconception ?? "no-validation",
    hint: "throw a RangeError unless numSamples ≥ 0 and batchSize ≥ 1 are both integers (NaN and Infinity are not)",
  }));

const ceilHint = "the last, smaller batch is still a step: use Math.ceil, not Math.floor or Math.round";
const lastBatchHint = "keep the last batch even when it is smaller than batchSize";

export default defineExercise({
  id: "batching",
  title: "Batches and steps per epoch",
  topic: "Epochs, batches and steps",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["stepsPerEpoch", "batchSizes"],
  examples: [
    { name: "example: stepsPerEpoch(10, 3)", call: "stepsPerEpoch", args: [10, 3], compare: exact() },
    { name: "example: batchSizes(10, 3)", call: "batchSizes", args: [10, 3], compare: exact() },
  ],
  tests: [
    { name: "steps when the batch size divides N", call: "stepsPerEpoch", args: [60000, 32], compare: exact() },
    { name: "steps with a smaller last batch", call: "stepsPerEpoch", args: [100, 32], compare: exact(), misconception: "floor-instead-of-ceil", hint: ceilHint },
    { name: "steps with a last batch of one sample", call: "stepsPerEpoch", args: [33, 32], compare: exact(), misconception: "floor-instead-of-ceil", hint: ceilHint },
    { name: "steps when the last batch is almost full", call: "stepsPerEpoch", args: [95, 32], compare: exact(), misconception: "floor-instead-of-ceil", hint: ceilHint },
    { name: "steps when the batch is larger than N", call: "stepsPerEpoch", args: [5, 10], compare: exact(), misconception: "floor-instead-of-ceil", hint: ceilHint },
    { name: "steps with batch size 1", call: "stepsPerEpoch", args: [7, 1], compare: exact() },
    { name: "steps with no samples", call: "stepsPerEpoch", args: [0, 8], compare: exact() },
    { name: "steps called twice", call: "stepsPerEpoch", args: [50, 8], compare: exact(), repeat: 2 },
    { name: "batches when the batch size divides N", call: "batchSizes", args: [64, 32], compare: exact(), misconception: "extra-empty-batch", hint: "no empty batch at the end" },
    { name: "batches with a smaller last batch", call: "batchSizes", args: [100, 32], compare: exact(), misconception: "dropped-last-batch", hint: lastBatchHint },
    { name: "batches with a last batch of one sample", call: "batchSizes", args: [9, 4], compare: exact(), misconception: "dropped-last-batch", hint: lastBatchHint },
    { name: "batches when the batch is larger than N", call: "batchSizes", args: [5, 10], compare: exact(), misconception: "dropped-last-batch", hint: lastBatchHint },
    { name: "batches with batch size 1", call: "batchSizes", args: [4, 1], compare: exact() },
    { name: "batches with no samples", call: "batchSizes", args: [0, 4], compare: exact(), hint: "no samples means no batches: an empty array" },
    { name: "many batches", call: "batchSizes", args: [1000, 7], compare: exact(), misconception: "dropped-last-batch", hint: lastBatchHint },
    { name: "batches called twice", call: "batchSizes", args: [10, 4], compare: exact(), repeat: 2, misconception: "hidden-state", hint: "build a new array on every call; do not keep results in module-level variables" },
    ...rejects("stepsPerEpoch"),
    ...rejects("batchSizes"),
  ],
});
