import { close } from "../../lib/grading/compare";
import { defineExercise } from "../../lib/exercises/schema";

/** A deterministic data set with columns on very different scales (no randomness: tests are reproducible). */
function table(rows: number, scales: number[], offsets: number[]): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    scales.map((s, c) => Math.round((Math.sin(r * 2.3 + c * 1.1 + 0.7) * s + (offsets[c] ?? 0)) * 1000) / 1000),
  );
}

const train = table(20, [1, 50, 0.2, 300], [0, 100, -1, -50]);
const test = table(7, [1.5, 60, 0.3, 250], [0.2, 90, -1.1, -40]);
/** The per-column minimum and maximum of `train`, computed here so that the test data stay readable. */
const trainStats = {
  min: [0, 1, 2, 3].map((c) => Math.min(...train.map((r) => r[c] ?? 0))),
  max: [0, 1, 2, 3].map((c) => Math.max(...train.map((r) => r[c] ?? 0))),
};

const rowsHint = "compute one minimum and one maximum per column (feature), over all the rows (samples)";
const initHint = "start each column's minimum and maximum from its first value (or ±Infinity), not from 0";
const fitOnTransformHint = "use the min and max passed in stats; do not recompute them from the data being scaled";
const clipHint = "do not clip: a value below the fitted min gives a negative result, one above the fitted max a result above 1";
const zeroHint = "when a column's fitted max equals its min, every value in that column maps to 0 (the range is 0)";

export default defineExercise({
  id: "min-max-scaling",
  title: "Min-max scaling",
  topic: "Preparing data",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["fitMinMax", "applyMinMax"],
  examples: [
    { name: "example: fitMinMax of three samples", call: "fitMinMax", args: [[[1, 10], [3, 30], [2, 50]]], compare: close() },
    {
      name: "example: applyMinMax with fitted statistics",
      call: "applyMinMax",
      args: [[[1, 10], [3, 30], [2, 50]], { min: [1, 10], max: [3, 50] }],
      compare: close(),
    },
  ],
  tests: [
    // fitMinMax
    { name: "fit: a square matrix whose columns differ", call: "fitMinMax", args: [[[1, 200, -3], [4, 100, 0], [2, 150, 5]]], compare: close(), misconception: "scales-by-rows", hint: rowsHint },
    { name: "fit: a tall matrix", call: "fitMinMax", args: [[[0.5, 8], [2.5, -4], [1, 6], [-1.5, 2], [3, 0]]], compare: close(), misconception: "scales-by-rows", hint: rowsHint },
    { name: "fit: a wide matrix", call: "fitMinMax", args: [[[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]], compare: close(), misconception: "scales-by-rows", hint: rowsHint },
    { name: "fit: one row of data", call: "fitMinMax", args: [[[3, -1, 7.5]]], compare: close(), misconception: "one-row", hint: "with a single sample, each column's minimum and maximum are that sample's value" },
    { name: "fit: one value", call: "fitMinMax", args: [[[42]]], compare: close(), misconception: "one-row", hint: "with a single sample, each column's minimum and maximum are that sample's value" },
    { name: "fit: a single column", call: "fitMinMax", args: [[[3], [-1], [2], [0.5]]], compare: close(), misconception: "scales-by-rows", hint: rowsHint },
    { name: "fit: columns of negative numbers", call: "fitMinMax", args: [[[-5, -0.5], [-2, -3], [-9, -1]]], compare: close(), misconception: "zero-initialised-extremes", hint: initHint },
    { name: "fit: columns of positive numbers far from 0", call: "fitMinMax", args: [[[10, 3.5], [20, 7], [15, 4]]], compare: close(), misconception: "zero-initialised-extremes", hint: initHint },
    { name: "fit: the extremes are in the last row", call: "fitMinMax", args: [[[2, 5], [3, 4], [-7, 9]]], compare: close(), misconception: "skips-a-row", hint: "visit every row, the first and the last included" },
    { name: "fit: the extremes are in the first row", call: "fitMinMax", args: [[[-7, 9], [3, 4], [2, 5]]], compare: close(), misconception: "skips-a-row", hint: "visit every row, the first and the last included" },
    { name: "fit: numbers with different digit counts", call: "fitMinMax", args: [[[9, -20], [10, -5], [100, 3], [-5, 12], [-20, 100]]], compare: close(), misconception: "sorts-as-strings", hint: "Array.prototype.sort() compares numbers as strings unless you pass (a, b) => a - b; Math.min/Math.max avoid sorting" },
    { name: "fit: a constant column", call: "fitMinMax", args: [[[4, 1], [4, 2], [4, 3]]], compare: close() },
    { name: "fit: a larger data set", call: "fitMinMax", args: [train], compare: close(), misconception: "scales-by-rows", hint: rowsHint },
    { name: "fit: same result when called twice", call: "fitMinMax", args: [[[0.25, -2], [0.75, 6], [0.5, 1]]], compare: close(), repeat: 2, misconception: "hidden-state", hint: "start from fresh minimums and maximums on every call; do not keep them in module-level variables" },
    // applyMinMax
    { name: "apply: the data the statistics were fitted on", call: "applyMinMax", args: [[[1, 200, -3], [4, 100, 0], [2, 150, 5]], { min: [1, 100, -3], max: [4, 200, 5] }], compare: close(), misconception: "scales-by-rows", hint: "column j is scaled with stats.min[j] and stats.max[j]" },
    { name: "apply: new data with the training statistics", call: "applyMinMax", args: [[[2, 150], [3, 120]], { min: [0, 100], max: [4, 200] }], compare: close(), misconception: "fits-on-transformed-data", hint: fitOnTransformHint },
    { name: "apply: a single new sample", call: "applyMinMax", args: [[[2.5, -1, 40]], { min: [0, -3, 20], max: [10, 1, 60] }], compare: close(), misconception: "fits-on-transformed-data", hint: fitOnTransformHint },
    { name: "apply: values below the fitted minimum", call: "applyMinMax", args: [[[-2, 5], [1, 0]], { min: [0, 10], max: [4, 20] }], compare: close(), misconception: "clips-to-range", hint: clipHint },
    { name: "apply: values above the fitted maximum", call: "applyMinMax", args: [[[6, 35], [4, 20]], { min: [0, 10], max: [4, 20] }], compare: close(), misconception: "clips-to-range", hint: clipHint },
    { name: "apply: a constant column", call: "applyMinMax", args: [[[4, 1], [4, 2], [4, 3]], { min: [4, 1], max: [4, 3] }], compare: close(), misconception: "divides-by-zero", hint: zeroHint },
    { name: "apply: new values in a constant column", call: "applyMinMax", args: [[[5, 2], [-1, 0], [4, 3]], { min: [4, 0], max: [4, 4] }], compare: close(), misconception: "zero-range-not-zero", hint: zeroHint },
    { name: "apply: a column with a tiny but non-zero range", call: "applyMinMax", args: [[[0, 5], [5e-10, 6], [1e-9, 7]], { min: [0, 5], max: [1e-9, 7] }], compare: close(), misconception: "tiny-range-as-constant", hint: "only a range of exactly 0 maps to 0: a range of 1e-9 still scales its column to 0…1" },
    { name: "apply: one fitted sample", call: "applyMinMax", args: [[[3, -1, 7.5], [4, -1, 7]], { min: [3, -1, 7.5], max: [3, -1, 7.5] }], compare: close(), misconception: "divides-by-zero", hint: zeroHint },
    { name: "apply: a minimum that is not 0", call: "applyMinMax", args: [[[15, -4], [12, -1], [20, -3]], { min: [10, -5], max: [20, -1] }], compare: close(), misconception: "divides-by-max", hint: "divide by the range max − min, after subtracting min" },
    { name: "apply: negative statistics", call: "applyMinMax", args: [[[-6, -0.5], [-9, -0.75]], { min: [-10, -1], max: [-5, -0.5] }], compare: close(), misconception: "divides-by-max", hint: "divide by the range max − min, after subtracting min" },
    { name: "apply: a tall matrix", call: "applyMinMax", args: [[[0.5, 8], [2.5, -4], [1, 6], [-1.5, 2], [3, 0]], { min: [-2, -4], max: [3, 8] }], compare: close(), misconception: "scales-by-rows", hint: "column j is scaled with stats.min[j] and stats.max[j]" },
    { name: "apply: a wide matrix", call: "applyMinMax", args: [[[1, 2, 3, 4, 5]], { min: [0, 1, 2, 3, 4], max: [2, 4, 6, 8, 10] }], compare: close(), misconception: "scales-by-rows", hint: "column j is scaled with stats.min[j] and stats.max[j]" },
    { name: "apply: training statistics on a test set", call: "applyMinMax", args: [test, trainStats], compare: close(), misconception: "fits-on-transformed-data", hint: fitOnTransformHint },
    { name: "apply: the training set", call: "applyMinMax", args: [train, trainStats], compare: close() },
    { name: "apply: same result when called twice", call: "applyMinMax", args: [[[3, 30], [1, 70]], { min: [2, 10], max: [6, 50] }], compare: close(), repeat: 2, misconception: "hidden-state", hint: "keep nothing between calls; return a new array each time" },
  ],
});
