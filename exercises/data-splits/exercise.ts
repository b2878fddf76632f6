import { exact, throws } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];

/**
 * Labels with `count` samples of each `[label, count]` class, dealt round-robin in the order given, so
 * that the first label to appear need not be the smallest (deterministic: no randomness in test data).
 */
function dealt(classes: [number, number][]): number[] {
  const left = classes.map(([, count]) => count);
  const labels: number[] = [];
  while (left.some((count) => count > 0)) {
    classes.forEach(([label], c) => {
      if ((left[c] ?? 0) > 0) {
        labels.push(label);
        left[c] = (left[c] ?? 0) - 1;
      }
    });
  }
  return labels;
}

const fisherYatesHint = "Fisher–Yates from the end: for i from n − 1 down to 1, j = ⌊r()·(i + 1)⌋ (0 ≤ j ≤ i), then swap positions i and j";
const seedHint = "draw every random number from r = mulberry32(seed), copied exactly: Math.random (or another shuffle) ignores the seed, so nobody can reproduce the split";
const freshHint = "create r = mulberry32(seed) inside the function: a generator kept between calls gives another order on the next call";
const countHint = "throw a RangeError unless n is an integer ≥ 0 (NaN, Infinity, −1 and 2.5 are not)";
const sizesHint = "nTest = Math.floor(n · test) and nVal = Math.floor(n · val), each from its own fraction";
const sliceHint = "cut one shuffled order: test is its first nTest indices, val the next nVal, train the rest, each kept in that shuffled order";
const fractionsHint = "throw a RangeError unless val ≥ 0, test ≥ 0 and val + test < 1; write the check so that NaN fails it (!(val >= 0) is true for NaN, val < 0 is not)";
const roundHint = "each class sends Math.round(count · testFraction) of its samples to test: round, not floor or ceil";
const perClassHint =
  "use one generator r = mulberry32(seed) for the whole call and, for each class in ascending label order, shuffle that class's indices (ascending) with it";
const classOrderHint = "visit the classes in ascending numeric label order (not in order of first appearance, and not sorted as strings: 10 comes after 9)";
const sortedHint = "return train and test sorted ascending";
const stratFractionHint = "throw a RangeError unless 0 < testFraction < 1 (NaN included), even when there are no labels";

const rejectN = (call: "shuffledIndices" | "trainValTestSplit", argsFor: (n: number) => unknown[]): Test[] =>
  (
    [
      ["a negative n", -1, "no-validation"],
      ["a fractional n", 2.5, "no-validation"],
      ["n = NaN", Number.NaN, "nan-accepted"],
      // Math.floor(n) === n lets Infinity through.
      ["n = Infinity", Number.POSITIVE_INFINITY, "infinity-passes-integer-check"],
    ] as const
  ).map(([what, n, misconception]) => ({ name: `${call} rejects ${what}`, call, args: argsFor(n), compare: throws("RangeError"), misconception, hint: countHint }));

const rejectFractions: Test[] = (
  [
    ["val + test = 1", { val: 0.5, test: 0.5 }, "sum-of-one-accepted"],
    ["val + test above 1", { val: 0.7, test: 0.45 }, "no-validation"],
    ["a negative val", { val: -0.1, test: 0.2 }, "no-validation"],
    ["a negative test", { val: 0.2, test: -0.1 }, "no-validation"],
    ["val = NaN", { val: Number.NaN, test: 0.2 }, "nan-accepted"],
    ["test = NaN", { val: 0.2, test: Number.NaN }, "nan-accepted"],
    ["test = Infinity", { val: 0, test: Number.POSITIVE_INFINITY }, "no-validation"],
  ] as const
).map(([what, fractions, misconception]) => ({
  name: `trainValTestSplit rejects ${what}`,
  call: "trainValTestSplit",
  args: [40, fractions, 3],
  compare: throws("RangeError"),
  misconception,
  hint: fractionsHint,
}));

const rejectTestFraction: Test[] = (
  [
    ["testFraction = 0", 0],
    ["testFraction = 1", 1],
    ["a negative testFraction", -0.25],
    ["testFraction above 1", 1.5],
    ["testFraction = NaN", Number.NaN],
  ] as const
).map(([what, f]) => ({
  name: `stratifiedSplit rejects ${what}`,
  call: "stratifiedSplit",
  args: [[0, 1, 0, 1, 1, 0], f, 4],
  compare: throws("RangeError"),
  misconception: Number.isNaN(f) ? "nan-accepted" : "no-validation",
  hint: stratFractionHint,
}));

const tests: Test[] = [
  // shuffledIndices
  { name: "shuffle: ten indices", call: "shuffledIndices", args: [10, 2024], compare: exact(), misconception: "not-fisher-yates", hint: fisherYatesHint },
  { name: "shuffle: the order belongs to the seed", call: "shuffledIndices", args: [100, 7], compare: exact(), misconception: "ignores-seed", hint: seedHint },
  { name: "shuffle: another seed", call: "shuffledIndices", args: [25, 123456789], compare: exact(), misconception: "ignores-seed", hint: seedHint },
  { name: "shuffle: seed 0", call: "shuffledIndices", args: [12, 0], compare: exact(), misconception: "ignores-seed", hint: seedHint },
  { name: "shuffle: the largest seed", call: "shuffledIndices", args: [12, 4294967295], compare: exact(), misconception: "mulberry32-altered", hint: "copy mulberry32 exactly, every `>>> 0` and Math.imul included: seeds go up to 2³² − 1, and a changed line gives other draws" },
  { name: "shuffle: a seed above 2³¹", call: "shuffledIndices", args: [15, 3000000000], compare: exact(), misconception: "mulberry32-altered", hint: "copy mulberry32 exactly, every `>>> 0` and Math.imul included: seeds go up to 2³² − 1, and a changed line gives other draws" },
  { name: "shuffle: j ranges over 0…i only", call: "shuffledIndices", args: [30, 99], compare: exact(), misconception: "naive-shuffle", hint: "the naive shuffle draws j over all n positions at every step (and is biased); Fisher–Yates draws j = ⌊r()·(i + 1)⌋ in 0…i" },
  { name: "shuffle: i runs down from n − 1", call: "shuffledIndices", args: [16, 31337], compare: exact(), misconception: "ascending-loop", hint: fisherYatesHint },
  // Seed 1: r() ≥ 0.5 at the only step, so j = 1 and [0, 1] stays; Sattolo's j = ⌊r()·i⌋ always swaps.
  { name: "shuffle: an index may stay in place", call: "shuffledIndices", args: [2, 1], compare: exact(), misconception: "sattolo", hint: "j = ⌊r()·(i + 1)⌋ includes i itself: an element may stay where it is (⌊r()·i⌋ is Sattolo's algorithm)" },
  { name: "shuffle: two indices that swap", call: "shuffledIndices", args: [2, 0], compare: exact(), misconception: "not-fisher-yates", hint: fisherYatesHint },
  { name: "shuffle: one index", call: "shuffledIndices", args: [1, 5], compare: exact(), misconception: "empty-edge", hint: "n = 1 gives [0]: the loop runs for i from n − 1 down to 1, so not at all" },
  { name: "shuffle: no indices", call: "shuffledIndices", args: [0, 5], compare: exact(), misconception: "empty-edge", hint: "n = 0 is valid and gives an empty array" },
  { name: "shuffle: a thousand indices", call: "shuffledIndices", args: [1000, 86], compare: exact(), misconception: "not-fisher-yates", hint: fisherYatesHint },
  { name: "shuffle: same result when called twice", call: "shuffledIndices", args: [40, 17], compare: exact(), repeat: 3, misconception: "generator-outside-call", hint: freshHint },
  ...rejectN("shuffledIndices", (n) => [n, 1]),

  // trainValTestSplit
  { name: "split: test, validation and training sets", call: "trainValTestSplit", args: [23, { val: 0.2, test: 0.1 }, 11], compare: exact(), misconception: "wrong-slices", hint: sliceHint },
  { name: "split: sizes are floored", call: "trainValTestSplit", args: [23, { val: 0.3, test: 0.15 }, 5], compare: exact(), misconception: "round-instead-of-floor", hint: sizesHint },
  { name: "split: a test size that floors to 0", call: "trainValTestSplit", args: [3, { val: 0.1, test: 0.3 }, 8], compare: exact(), misconception: "round-instead-of-floor", hint: sizesHint },
  { name: "split: each size from its own fraction", call: "trainValTestSplit", args: [31, { val: 0.28, test: 0.18 }, 9], compare: exact(), misconception: "cumulative-sizes", hint: sizesHint },
  { name: "split: the test set comes first in the order", call: "trainValTestSplit", args: [40, { val: 0.33, test: 0.12 }, 21], compare: exact(), misconception: "val-before-test", hint: sliceHint },
  { name: "split: validation and test do not overlap", call: "trainValTestSplit", args: [37, { val: 0.22, test: 0.22 }, 14], compare: exact(), misconception: "val-test-overlap", hint: sliceHint },
  { name: "split: every index lands in exactly one set", call: "trainValTestSplit", args: [53, { val: 0.15, test: 0.19 }, 2], compare: exact(), misconception: "drops-remainder", hint: "train is everything after test and validation: together the three sets hold every index once" },
  { name: "split: the sets keep the shuffled order", call: "trainValTestSplit", args: [29, { val: 0.2, test: 0.2 }, 77], compare: exact(), misconception: "sorted-subsets", hint: "keep each set in the shuffled order; do not sort it" },
  { name: "split: shuffle first, then split", call: "trainValTestSplit", args: [60, { val: 0.11, test: 0.13 }, 30], compare: exact(), misconception: "split-before-shuffle", hint: "take shuffledIndices(n, seed) first and cut that order; cutting 0…n − 1 and shuffling the parts keeps each set a block of neighbours" },
  { name: "split: the order is shuffledIndices(n, seed)", call: "trainValTestSplit", args: [48, { val: 0.19, test: 0.23 }, 1000], compare: exact(), misconception: "ignores-seed", hint: seedHint },
  { name: "split: no validation set", call: "trainValTestSplit", args: [21, { val: 0, test: 0.25 }, 6], compare: exact(), misconception: "empty-edge", hint: "val = 0 gives an empty validation set" },
  { name: "split: no test set", call: "trainValTestSplit", args: [21, { val: 0.25, test: 0 }, 6], compare: exact(), misconception: "empty-edge", hint: "test = 0 gives an empty test set" },
  { name: "split: training set only", call: "trainValTestSplit", args: [9, { val: 0, test: 0 }, 12], compare: exact(), misconception: "empty-edge", hint: "with both fractions 0, train is the whole shuffled order" },
  { name: "split: almost nothing left for training", call: "trainValTestSplit", args: [19, { val: 0.45, test: 0.49 }, 4], compare: exact(), misconception: "wrong-slices", hint: sliceHint },
  { name: "split: no samples", call: "trainValTestSplit", args: [0, { val: 0.2, test: 0.2 }, 1], compare: exact(), misconception: "empty-edge", hint: "n = 0 gives three empty sets" },
  { name: "split: a larger data set", call: "trainValTestSplit", args: [1001, { val: 0.1, test: 0.15 }, 2718], compare: exact(), misconception: "wrong-slices", hint: sliceHint },
  { name: "split: same result when called twice", call: "trainValTestSplit", args: [30, { val: 0.21, test: 0.21 }, 45], compare: exact(), repeat: 3, misconception: "generator-outside-call", hint: freshHint },
  ...rejectN("trainValTestSplit", (n) => [n, { val: 0.1, test: 0.1 }, 1]),
  ...rejectFractions,
  { name: "trainValTestSplit checks the fractions with no samples", call: "trainValTestSplit", args: [0, { val: 0.6, test: 0.6 }, 1], compare: throws("RangeError"), misconception: "validates-after-early-return", hint: fractionsHint },

  // stratifiedSplit
  { name: "stratified: two classes", call: "stratifiedSplit", args: [dealt([[0, 9], [1, 7]]), 0.3, 3], compare: exact(), misconception: "not-stratified", hint: perClassHint },
  { name: "stratified: test counts are rounded", call: "stratifiedSplit", args: [dealt([[0, 9], [1, 13]]), 0.3, 8], compare: exact(), misconception: "floor-instead-of-round", hint: roundHint },
  { name: "stratified: a count that rounds down", call: "stratifiedSplit", args: [dealt([[0, 7], [1, 11]]), 0.2, 8], compare: exact(), misconception: "ceil-instead-of-round", hint: roundHint },
  { name: "stratified: one generator for all classes", call: "stratifiedSplit", args: [dealt([[0, 8], [1, 8], [2, 8]]), 0.35, 12], compare: exact(), misconception: "generator-per-class", hint: perClassHint },
  { name: "stratified: each class shuffled on its own", call: "stratifiedSplit", args: [dealt([[0, 12], [1, 6], [2, 9]]), 0.3, 64], compare: exact(), misconception: "global-shuffle", hint: perClassHint },
  { name: "stratified: classes in ascending label order", call: "stratifiedSplit", args: [dealt([[2, 7], [0, 9], [1, 6]]), 0.3, 19], compare: exact(), misconception: "appearance-order", hint: classOrderHint },
  { name: "stratified: labels 9 and 10", call: "stratifiedSplit", args: [dealt([[9, 8], [10, 7], [11, 6]]), 0.3, 5], compare: exact(), misconception: "labels-sorted-as-strings", hint: classOrderHint },
  { name: "stratified: labels with gaps", call: "stratifiedSplit", args: [dealt([[0, 6], [5, 9], [3, 7]]), 0.3, 23], compare: exact(), misconception: "assumes-labels-0-to-k", hint: "labels need not be 0…k − 1: a class is every label that occurs, in ascending order" },
  { name: "stratified: results sorted ascending", call: "stratifiedSplit", args: [dealt([[0, 11], [1, 10]]), 0.43, 40], compare: exact(), misconception: "results-not-sorted", hint: sortedHint },
  { name: "stratified: the first shuffled indices go to test", call: "stratifiedSplit", args: [dealt([[0, 14], [1, 6]]), 0.3, 2], compare: exact(), misconception: "takes-last", hint: "the first round(count · testFraction) indices of each shuffled class go to test, the rest to train" },
  { name: "stratified: a class of one sample", call: "stratifiedSplit", args: [dealt([[0, 11], [1, 1], [2, 6]]), 0.3, 10], compare: exact(), misconception: "not-stratified", hint: perClassHint },
  { name: "stratified: a class of one sample that goes to test", call: "stratifiedSplit", args: [dealt([[0, 9], [1, 1]]), 0.6, 10], compare: exact(), misconception: "floor-instead-of-round", hint: roundHint },
  { name: "stratified: one class", call: "stratifiedSplit", args: [dealt([[4, 17]]), 0.3, 50], compare: exact(), misconception: "not-stratified", hint: perClassHint },
  { name: "stratified: the order belongs to the seed", call: "stratifiedSplit", args: [dealt([[0, 40], [1, 26], [2, 15]]), 0.27, 777], compare: exact(), misconception: "ignores-seed", hint: seedHint },
  { name: "stratified: no labels", call: "stratifiedSplit", args: [[], 0.3, 1], compare: exact(), misconception: "empty-edge", hint: "no labels give { train: [], test: [] }" },
  { name: "stratified: a larger data set", call: "stratifiedSplit", args: [dealt([[0, 151], [1, 90], [2, 45], [3, 17]]), 0.21, 31], compare: exact(), misconception: "not-stratified", hint: perClassHint },
  { name: "stratified: same result when called twice", call: "stratifiedSplit", args: [dealt([[0, 6], [1, 9]]), 0.3, 13], compare: exact(), repeat: 3, misconception: "generator-outside-call", hint: freshHint },
  ...rejectTestFraction,
  { name: "stratifiedSplit checks the fraction with no labels", call: "stratifiedSplit", args: [[], 0, 1], compare: throws("RangeError"), misconception: "validates-after-early-return", hint: stratFractionHint },
];

const examples: Test[] = [
  { name: "example: shuffledIndices(10, 42)", call: "shuffledIndices", args: [10, 42], compare: exact() },
  { name: "example: trainValTestSplit of 10 samples", call: "trainValTestSplit", args: [10, { val: 0.22, test: 0.33 }, 7], compare: exact() },
  { name: "example: stratifiedSplit of 11 labels", call: "stratifiedSplit", args: [[0, 1, 0, 0, 1, 2, 0, 1, 2, 0, 0], 0.3, 5], compare: exact() },
];

/**
 * The contract computes sizes in float64 as written; every size of these tests is kept at least 1e-9
 * away from an integer and a half (0 aside: n = 0 or a fraction of 0 gives 0 under any arithmetic), where
 * another careful computation could round the other way. Checked when the package loads.
 */
function assertClearOfBoundaries(list: Test[]): void {
  const check = (product: number, where: string) => {
    const distance = Math.abs(product * 2 - Math.round(product * 2)) / 2;
    if (product !== 0 && distance < 1e-9) throw new Error(`data-splits: ${where}: the size ${product} is within 1e-9 of an integer or a half`);
  };
  for (const test of list) {
    const [first, second] = test.args;
    if (test.call === "trainValTestSplit" && test.compare?.kind !== "throws" && typeof first === "number") {
      const { val, test: testFraction } = second as { val: number; test: number };
      check(first * testFraction, `${test.name} (test)`);
      check(first * val, `${test.name} (val)`);
    }
    if (test.call === "stratifiedSplit" && test.compare?.kind !== "throws" && Array.isArray(first) && typeof second === "number") {
      const counts = new Map<unknown, number>();
      for (const label of first) counts.set(label, (counts.get(label) ?? 0) + 1);
      for (const [label, count] of counts) check(count * second, `${test.name} (class ${String(label)})`);
    }
  }
}
assertClearOfBoundaries([...examples, ...tests]);

export default defineExercise({
  id: "data-splits",
  title: "Shuffled and stratified data splits",
  topic: "Preparing data",
  kind: "code",
  points: 15,
  difficulty: "medium",
  exports: ["shuffledIndices", "trainValTestSplit", "stratifiedSplit"],
  examples,
  tests,
});
