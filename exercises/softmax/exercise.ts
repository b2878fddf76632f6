import { close } from "../../lib/grading/compare";
import { defineExercise } from "../../lib/exercises/schema";

/** A deterministic matrix of logits in [-scale, scale] (no randomness: tests must be reproducible). */
function logits(rows: number, cols: number, scale: number, offset = 0): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => Math.round(Math.sin(r * 7.3 + c * 1.7 + 0.5) * scale * 1000) / 1000 + offset),
  );
}

const rowHint = "apply softmax to each row on its own: every row of the result sums to 1";
const stableHint = "subtract the row's maximum before Math.exp; the result is the same, and exp never overflows";

export default defineExercise({
  id: "softmax",
  title: "Softmax, row by row",
  topic: "Activation functions",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["softmax"],
  examples: [
    { name: "example: one row", call: "softmax", args: [[[1, 2, 3]]], compare: close() },
    { name: "example: two equal rows", call: "softmax", args: [[[0, 0], [1, 1]]], compare: close() },
  ],
  tests: [
    { name: "rows with different values", call: "softmax", args: [[[1, 2, 3], [1, 1, 1]]], compare: close(), misconception: "whole-matrix", hint: rowHint },
    { name: "a tall matrix", call: "softmax", args: [[[1, 2], [3, 4], [5, 6]]], compare: close(), misconception: "over-columns", hint: rowHint },
    { name: "a square matrix", call: "softmax", args: [[[0.5, -1, 2], [3, 0, -2], [1, 1, 4]]], compare: close(), misconception: "over-columns", hint: rowHint },
    { name: "a single logit", call: "softmax", args: [[[5]]], compare: close() },
    { name: "one row of one column per sample", call: "softmax", args: [[[2], [-3], [0]]], compare: close(), misconception: "over-columns", hint: rowHint },
    { name: "large logits", call: "softmax", args: [[[1000, 1001, 1002]]], compare: close(), misconception: "overflow", hint: stableHint },
    { name: "large logits in several rows", call: "softmax", args: [[[1000, 1001, 1002], [-5, 0, 5], [800, 700, 900]]], compare: close(), misconception: "overflow", hint: stableHint },
    { name: "very negative logits", call: "softmax", args: [[[-1000, -1000, -999]]], compare: close(), misconception: "overflow", hint: stableHint },
    { name: "a dominant logit", call: "softmax", args: [[[1000, 0, -1000]]], compare: close(), misconception: "overflow", hint: stableHint },
    { name: "negative and positive logits", call: "softmax", args: [[[-2.5, 0, 2.5, 1], [4, -4, 0.25, 0]]], compare: close() },
    { name: "a larger batch", call: "softmax", args: [logits(8, 10, 3)], compare: close(), misconception: "whole-matrix", hint: rowHint },
    { name: "a larger batch of large logits", call: "softmax", args: [logits(6, 5, 20, 500)], compare: close(), misconception: "overflow", hint: stableHint },
    { name: "does not modify its argument", call: "softmax", args: [[[3, 1, 2], [0, 5, 1]]], compare: close(), misconception: "mutates-input", hint: "build a new array; do not subtract the maximum in place" },
    { name: "same result when called twice", call: "softmax", args: [[[0.1, 0.2, 0.7], [2, 2, 1]]], compare: close(), repeat: 2, misconception: "hidden-state" },
  ],
});
