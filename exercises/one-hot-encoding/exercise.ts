import * as tf from "@tensorflow/tfjs";
import { check, exact, throws, type CheckFn } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];

/**
 * Shape and flat values of a copied-out result (number, nested arrays, typed arrays or a tensor), or
 * null. Self-contained on purpose: this file is imported in its own module scope, so `instanceof` on the
 * grader's value classes is not reliable here. Only the grader creates TensorEnvelope objects (a
 * student's look-alike object arrives as a RecordValue), so the class name is a safe tag.
 */
function flatten(v: unknown): { shape: number[]; values: ArrayLike<number> } | null {
  if (typeof v === "number") return { shape: [], values: [v] };
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<unknown>;
    return typeof a[0] === "bigint" ? null : { shape: [a.length], values: a as ArrayLike<number> };
  }
  if (typeof v === "object" && v !== null && Object.getPrototypeOf(v)?.constructor?.name === "TensorEnvelope") {
    const t = v as { shape: unknown; values: unknown };
    const inner = flatten(t.values);
    return Array.isArray(t.shape) && inner ? { shape: t.shape as number[], values: inner.values } : null;
  }
  if (!Array.isArray(v)) return null;
  if (v.length === 0) return { shape: [0], values: [] };
  const parts = v.map(flatten);
  const first = parts[0];
  if (!first || parts.some((p) => p === null || p.shape.join() !== first.shape.join())) return null;
  return { shape: [v.length, ...first.shape], values: parts.flatMap((p) => Array.from(p?.values ?? [])) };
}

/** Exact comparison of a result with a reference (0 and 1 are exact in every container). */
function sameAs(want: { shape: number[]; values: ArrayLike<number> }, actual: unknown): true | string {
  const got = flatten(actual);
  if (got === null) return "expected an array of arrays of numbers";
  if (want.values.length === 0 && got.values.length === 0) return true;
  if (want.shape.join() !== got.shape.join()) return "wrong shape";
  for (let i = 0; i < want.values.length; i++) {
    if (want.values[i] !== got.values[i]) return `row ${Math.floor(i / (want.shape[1] ?? 1))}, col ${i % (want.shape[1] ?? 1)}: wrong value`;
  }
  return true;
}

/**
 * Independent reference: the host's own `tf.oneHot` (the reference solution is graded against the same
 * tests). tf.oneHot refuses a depth of 1, so the one-class tests compare with the reference solution.
 */
const matchesTfOneHot: CheckFn = (actual, { args }) => {
  const [labels, numClasses] = args as [number[], number];
  const want = tf.tidy(() => {
    const t = tf.oneHot(tf.tensor1d(labels, "int32"), numClasses);
    return { shape: t.shape, values: t.dataSync().slice() };
  });
  return sameAs(want, actual);
};

/** 20 labels over 10 classes, every class present, deterministic. */
const manyLabels = Array.from({ length: 20 }, (_, i) => (i * 7 + 3) % 10);

const rangeHint = "valid labels are the integers 0, 1, …, numClasses − 1: numClasses itself is not a class";
const widthHint = "every row has exactly numClasses entries, whatever labels occur";

const rejects = (name: string, labels: number[], numClasses: number, misconception: string, hint: string): Test => ({
  name,
  call: "oneHot",
  args: [labels, numClasses],
  compare: throws(),
  misconception,
  hint,
});

export default defineExercise({
  id: "one-hot-encoding",
  title: "One-hot encoding",
  topic: "Preparing data",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["oneHot"],
  examples: [
    { name: "example: oneHot([0, 2, 1], 3)", call: "oneHot", args: [[0, 2, 1], 3], compare: exact() },
    { name: "example: oneHot([1], 2)", call: "oneHot", args: [[1], 2], compare: exact() },
  ],
  tests: [
    { name: "labels in order", call: "oneHot", args: [[0, 1, 2, 3], 4], compare: check(matchesTfOneHot), misconception: "shared-row-array", hint: "create a new row for every label; a single array pushed several times is the same row" },
    { name: "more classes than the labels use", call: "oneHot", args: [[0, 1, 1], 5], compare: check(matchesTfOneHot), misconception: "width-from-labels", hint: widthHint },
    { name: "the last class", call: "oneHot", args: [[4, 0], 5], compare: check(matchesTfOneHot), misconception: "off-by-one-width", hint: widthHint },
    { name: "the highest label only", call: "oneHot", args: [[2, 2], 3], compare: check(matchesTfOneHot), misconception: "off-by-one-width", hint: widthHint },
    { name: "repeated labels", call: "oneHot", args: [[2, 2, 0, 2, 1], 3], compare: check(matchesTfOneHot), misconception: "shared-row-array", hint: "create a new row for every label; a single array pushed several times is the same row" },
    { name: "a single class", call: "oneHot", args: [[0, 0, 0], 1], compare: exact(), misconception: "rejects-one-class", hint: "numClasses = 1 is valid: every label is 0 and every row is [1]" },
    { name: "two classes", call: "oneHot", args: [[1, 0, 0, 1], 2], compare: check(matchesTfOneHot) },
    { name: "no labels", call: "oneHot", args: [[], 3], compare: exact(), misconception: "empty-labels", hint: "no labels means no rows: return an empty array" },
    { name: "no labels and one class", call: "oneHot", args: [[], 1], compare: exact(), misconception: "empty-labels", hint: "no labels means no rows: return an empty array" },
    { name: "label −0 is class 0", call: "oneHot", args: [[-0, 1], 2], compare: exact() },
    { name: "ten classes", call: "oneHot", args: [manyLabels, 10], compare: check(matchesTfOneHot), misconception: "off-by-one-width", hint: widthHint },
    { name: "same result when called twice", call: "oneHot", args: [[1, 3, 0], 4], compare: exact(), repeat: 2, misconception: "hidden-state", hint: "build new rows on every call; keep nothing in module-level variables" },
    rejects("rejects a label equal to numClasses", [0, 3], 3, "accepts-label-equal-num-classes", rangeHint),
    rejects("rejects label 1 with one class", [0, 1], 1, "accepts-label-equal-num-classes", rangeHint),
    rejects("rejects a label above numClasses", [7], 3, "no-range-check", rangeHint),
    rejects("rejects a bad label after good ones", [0, 1, 2, 1, 5], 4, "no-range-check", "check every label, not only the first one"),
    rejects("rejects a negative label", [-1, 0], 3, "accepts-negative-labels", "labels are never negative: −1 is not a class"),
    rejects("rejects a fractional label", [1.5], 3, "accepts-floats", "a label must be a whole number: 1.5 is not a class (Number.isInteger)"),
    rejects("rejects a fractional label below 1", [0, 0.5, 1], 2, "accepts-floats", "a label must be a whole number: rounding or truncating hides a bug in the data"),
    rejects("rejects a NaN label", [0, Number.NaN], 3, "accepts-nan", "NaN fails every comparison, so range checks alone do not catch it"),
    rejects("rejects an infinite label", [Number.POSITIVE_INFINITY], 3, "no-range-check", rangeHint),
    rejects("rejects a label of minus infinity", [1, Number.NEGATIVE_INFINITY], 3, "accepts-negative-labels", "labels are never negative"),
  ],
});
