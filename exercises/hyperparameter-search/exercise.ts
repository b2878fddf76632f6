import { check, close, findMismatch, formatMismatch, throws } from "../../lib/grading/compare";
import { RecordValue, type Value } from "../../lib/grading/value";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];
type Choice = { name: string; values: number[] };
type Range = { name: string; min: number; max: number; scale: "linear" | "log" };

/**
 * Configurations compared value by value (tolerance `tol`) and key by key: a configuration holds exactly
 * the space's parameter names, no more (exact() alone would let extra fields through).
 */
function configs(tol = { rtol: 1e-4, atol: 1e-6 }) {
  return check((actual, { expected }) => {
    if (expected === undefined) return true;
    const mismatch = findMismatch(expected, actual, tol);
    if (mismatch) return formatMismatch(mismatch, false);
    if (!Array.isArray(expected) || !Array.isArray(actual)) return true;
    const extra = actual.findIndex((item: Value, i) => {
      const want = expected[i];
      return item instanceof RecordValue && want instanceof RecordValue && item.entries.size !== want.entries.size;
    });
    return extra === -1 ? true : `item ${extra}: a configuration has fields that are not parameters of the space`;
  });
}

const lr: Range = { name: "learningRate", min: 1e-4, max: 1e-1, scale: "log" };
const units: Choice = { name: "units", values: [32, 64, 128, 256] };
const dropout: Range = { name: "dropout", min: 0, max: 0.5, scale: "linear" };
const batch: Choice = { name: "batchSize", values: [16, 32, 64] };

const slowestHint = "nested loops in the space's order: the first parameter is the outer loop (it varies slowest), the last the inner one";
const logHint = "a log range is uniform in log₁₀: 10^(log₁₀ min + r()·(log₁₀ max − log₁₀ min)), so every decade gets the same share of samples";
const linearHint = "a linear range is min + r()·(max − min)";
const choiceHint = "a choice takes values[⌊r()·values.length⌋]: every value is equally likely (Math.round or length − 1 are not)";
const drawOrderHint =
  "draw configuration by configuration and, inside one, parameter by parameter in the space's order, one r() each (also for a choice with a single value)";
const seedHint = "draw from one r = mulberry32(seed), created inside the call and copied exactly: Math.random ignores the seed";
const countHint = "throw a RangeError unless n is an integer ≥ 0 (NaN, Infinity, −1 and 1.5 are not)";
const tiesHint = "on a tie keep the first trial: replace the best only when a score is strictly better";
const nanHint = "skip NaN scores: start from the first trial whose score is a number, not from trials[0] (a NaN best beats nothing and nothing beats it)";
const infinityHint = "±Infinity are ordinary scores: −Infinity is the best possible loss in min mode and the worst in max mode, but still a number";
const modeHint = "mode \"min\" wants the lowest score (a loss), \"max\" the highest (an accuracy)";

const trial = (score: number, config: Record<string, number> = { lr: 0.01 }) => ({ config, score });
const trials = (scores: number[]) => scores.map((score, i) => trial(score, { trial: i, lr: 10 ** -(1 + (i % 4)) }));

const rejectN: Test[] = (
  [
    ["a negative n", -1],
    ["a fractional n", 1.5],
    ["n = NaN", Number.NaN],
    ["n = Infinity", Number.POSITIVE_INFINITY],
  ] as const
).map(([what, n]) => ({
  name: `random rejects ${what}`,
  call: "randomConfigurations",
  args: [[lr, units], n, 1],
  compare: throws("RangeError"),
  misconception: Number.isNaN(n) ? "nan-accepted" : "no-validation",
  hint: countHint,
}));

const tests: Test[] = [
  // gridConfigurations
  { name: "grid: two parameters", call: "gridConfigurations", args: [[{ name: "lr", values: [0.001, 0.01] }, { name: "units", values: [32, 64, 128] }]], compare: configs(), misconception: "last-varies-slowest", hint: slowestHint },
  { name: "grid: three parameters", call: "gridConfigurations", args: [[{ name: "optimizer", values: [0, 1] }, { name: "layers", values: [1, 2, 3] }, { name: "dropout", values: [0.1, 0.3] }]], compare: configs(), misconception: "last-varies-slowest", hint: slowestHint },
  { name: "grid: one parameter", call: "gridConfigurations", args: [[{ name: "units", values: [16, 32, 64, 128] }]], compare: configs(), misconception: "wrong-combinations", hint: "one parameter gives one configuration per value" },
  { name: "grid: a parameter with a single value", call: "gridConfigurations", args: [[batch, { name: "epochs", values: [10] }, { name: "lr", values: [0.1, 0.01] }]], compare: configs(), misconception: "last-varies-slowest", hint: slowestHint },
  { name: "grid: the empty space", call: "gridConfigurations", args: [[]], compare: configs(), misconception: "empty-space", hint: "the empty space has exactly one configuration, the empty one: [{}]" },
  { name: "grid: values keep their order", call: "gridConfigurations", args: [[{ name: "lr", values: [0.1, 0.001, 0.01] }, { name: "momentum", values: [0.99, 0.9] }]], compare: configs(), misconception: "sorts-values", hint: "take the values in the order given; do not sort them" },
  { name: "grid: zero and negative values", call: "gridConfigurations", args: [[{ name: "shift", values: [0, -1, 2] }, { name: "l2", values: [0, 0.001] }]], compare: configs(), misconception: "drops-zero", hint: "0 is a value like any other: test for undefined, not for falsiness" },
  { name: "grid: each configuration is its own object", call: "gridConfigurations", args: [[{ name: "a", values: [1, 2] }, { name: "b", values: [3, 4] }]], compare: configs(), misconception: "shared-config-object", hint: "build a new object for every configuration; pushing one object and changing it later changes every entry" },
  { name: "grid: configurations hold only the parameters", call: "gridConfigurations", args: [[{ name: "x", values: [1, 2] }, { name: "y", values: [5] }]], compare: configs(), misconception: "extra-fields", hint: "a configuration maps each parameter name to its value, and nothing else" },
  { name: "grid: 120 combinations", call: "gridConfigurations", args: [[{ name: "p", values: [1, 2, 3, 4] }, { name: "q", values: [10, 20, 30, 40, 50] }, { name: "r", values: [0.5, 0.25, 0.125] }, { name: "s", values: [-1, 1] }]], compare: configs(), misconception: "last-varies-slowest", hint: slowestHint },
  { name: "grid: same result when called twice", call: "gridConfigurations", args: [[{ name: "lr", values: [0.1, 0.2] }, { name: "units", values: [8, 16] }]], compare: configs(), repeat: 2, misconception: "hidden-state", hint: "build new configurations on every call; keep nothing in module-level variables" },

  // randomConfigurations
  { name: "random: a log range", call: "randomConfigurations", args: [[lr], 10, 7], compare: configs(), misconception: "log-sampled-linearly", hint: logHint },
  { name: "random: a log range over many decades", call: "randomConfigurations", args: [[{ name: "l2", min: 1e-6, max: 1, scale: "log" }], 12, 99], compare: configs(), misconception: "log-sampled-linearly", hint: logHint },
  { name: "random: a log range above 1", call: "randomConfigurations", args: [[{ name: "units", min: 8, max: 1024, scale: "log" }], 8, 3], compare: configs(), misconception: "log-base-mixed", hint: "use log₁₀ and 10^… together (or ln and e^…): mixing the bases moves the range" },
  { name: "random: a linear range", call: "randomConfigurations", args: [[dropout], 10, 21], compare: configs(), misconception: "linear-formula", hint: linearHint },
  { name: "random: a linear range with a negative minimum", call: "randomConfigurations", args: [[{ name: "bias", min: -2, max: 3, scale: "linear" }], 6, 5], compare: configs(), misconception: "linear-formula", hint: linearHint },
  { name: "random: a choice", call: "randomConfigurations", args: [[{ name: "units", values: [16, 32, 64, 128, 256] }], 15, 11], compare: configs(), misconception: "choice-index", hint: choiceHint },
  { name: "random: a choice of two", call: "randomConfigurations", args: [[{ name: "activation", values: [0, 1] }], 12, 2024], compare: configs(), misconception: "choice-index", hint: choiceHint },
  { name: "random: draws configuration by configuration", call: "randomConfigurations", args: [[lr, units, dropout], 5, 42], compare: configs(), misconception: "draws-by-parameter", hint: drawOrderHint },
  { name: "random: parameters in the space's order", call: "randomConfigurations", args: [[units, dropout, lr, batch], 4, 8], compare: configs(), misconception: "draws-in-wrong-order", hint: drawOrderHint },
  { name: "random: a choice with one value still draws", call: "randomConfigurations", args: [[{ name: "epochs", values: [20] }, lr, { name: "momentum", values: [0.9] }, dropout], 4, 17], compare: configs(), misconception: "skips-single-choice-draw", hint: drawOrderHint },
  { name: "random: one generator for the whole call", call: "randomConfigurations", args: [[lr, batch], 6, 1234], compare: configs(), misconception: "generator-per-configuration", hint: seedHint },
  { name: "random: the configurations are the seed's", call: "randomConfigurations", args: [[lr, units, dropout, batch], 30, 31337], compare: configs(), misconception: "ignores-seed", hint: seedHint },
  { name: "random: seed 0", call: "randomConfigurations", args: [[lr, units], 5, 0], compare: configs(), misconception: "ignores-seed", hint: seedHint },
  { name: "random: the largest seed", call: "randomConfigurations", args: [[lr, units], 5, 4294967295], compare: configs(), misconception: "mulberry32-altered", hint: "copy mulberry32 exactly, every `>>> 0` and Math.imul included: seeds go up to 2³² − 1, and a changed line gives other draws" },
  { name: "random: no configurations", call: "randomConfigurations", args: [[lr, units], 0, 5], compare: configs(), misconception: "empty-edge", hint: "n = 0 gives an empty list" },
  { name: "random: the empty space", call: "randomConfigurations", args: [[], 3, 5], compare: configs(), misconception: "empty-edge", hint: "with no parameters every configuration is empty: n empty objects, and no draws" },
  { name: "random: configurations hold only the parameters", call: "randomConfigurations", args: [[batch, lr], 3, 6], compare: configs(), misconception: "extra-fields", hint: "a configuration maps each parameter name to its value, and nothing else" },
  { name: "random: many configurations", call: "randomConfigurations", args: [[lr, units, dropout, batch], 200, 77], compare: configs(), misconception: "draws-by-parameter", hint: drawOrderHint },
  { name: "random: same result when called twice", call: "randomConfigurations", args: [[lr, units], 6, 123], compare: configs(), repeat: 3, misconception: "generator-outside-call", hint: "create r = mulberry32(seed) inside the function: a generator kept between calls gives other configurations next time" },
  ...rejectN,
  { name: "random rejects a bad n for the empty space", call: "randomConfigurations", args: [[], -2, 1], compare: throws("RangeError"), misconception: "no-validation", hint: countHint },

  // bestTrial
  { name: "best: the lowest loss", call: "bestTrial", args: [trials([0.52, 0.31, 0.44, 0.38]), "min"], compare: close(), misconception: "mode-swapped", hint: modeHint },
  { name: "best: the highest accuracy", call: "bestTrial", args: [trials([0.71, 0.84, 0.79, 0.62, 0.83]), "max"], compare: close(), misconception: "mode-swapped", hint: modeHint },
  { name: "best: the first of tied losses", call: "bestTrial", args: [trials([0.5, 0.3, 0.4, 0.3, 0.35]), "min"], compare: close(), misconception: "last-on-ties", hint: tiesHint },
  { name: "best: the first of tied accuracies", call: "bestTrial", args: [trials([0.9, 0.7, 0.9, 0.9]), "max"], compare: close(), misconception: "last-on-ties", hint: tiesHint },
  { name: "best: NaN first never wins a max", call: "bestTrial", args: [trials([Number.NaN, 0.6, 0.8, 0.7]), "max"], compare: close(), misconception: "nan-wins", hint: nanHint },
  { name: "best: NaN first never wins a min", call: "bestTrial", args: [trials([Number.NaN, 0.6, 0.2, 0.7]), "min"], compare: close(), misconception: "nan-wins", hint: nanHint },
  { name: "best: NaN in the middle is skipped", call: "bestTrial", args: [trials([0.4, Number.NaN, 0.5, Number.NaN, 0.45]), "max"], compare: close(), misconception: "nan-wins", hint: nanHint },
  { name: "best: only the last score is a number", call: "bestTrial", args: [trials([Number.NaN, Number.NaN, 0.3]), "min"], compare: close(), misconception: "nan-wins", hint: nanHint },
  { name: "best: +Infinity wins a max", call: "bestTrial", args: [trials([3, Number.POSITIVE_INFINITY, 5]), "max"], compare: close(), misconception: "infinity-not-ordinary", hint: infinityHint },
  { name: "best: −Infinity wins a min", call: "bestTrial", args: [trials([0.2, 0.1, Number.NEGATIVE_INFINITY, 0.05]), "min"], compare: close(), misconception: "infinity-not-ordinary", hint: infinityHint },
  { name: "best: −Infinity is still a number in a max", call: "bestTrial", args: [trials([Number.NaN, Number.NEGATIVE_INFINITY, Number.NaN]), "max"], compare: close(), misconception: "infinity-not-ordinary", hint: infinityHint },
  { name: "best: +Infinity is still a number in a min", call: "bestTrial", args: [trials([Number.POSITIVE_INFINITY, Number.NaN]), "min"], compare: close(), misconception: "infinity-not-ordinary", hint: infinityHint },
  { name: "best: tied infinities", call: "bestTrial", args: [trials([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]), "max"], compare: close(), misconception: "last-on-ties", hint: tiesHint },
  { name: "best: a score of 0", call: "bestTrial", args: [trials([0.3, 0, 0.2]), "min"], compare: close(), misconception: "zero-score", hint: "0 is a score like any other: compare numbers, do not test them for truthiness" },
  { name: "best: negative scores", call: "bestTrial", args: [trials([-1.5, -3.25, -2]), "max"], compare: close(), misconception: "zero-initialised-best", hint: "start from the first trial with a number score (or ±Infinity with care), not from 0" },
  { name: "best: scores above 1", call: "bestTrial", args: [trials([12.5, 3.75, 8]), "min"], compare: close(), misconception: "zero-initialised-best", hint: "start from the first trial with a number score (or ±Infinity with care), not from 0" },
  { name: "best: a single trial", call: "bestTrial", args: [[trial(0.42, { units: 64, lr: 0.003 })], "max"], compare: close(), misconception: "one-based-index", hint: "index counts from 0: the first trial is index 0" },
  { name: "best: returns config, score and index", call: "bestTrial", args: [trials([0.25, 0.2, 0.3]), "min"], compare: close(), misconception: "wrong-fields", hint: "return { config, score, index }: the winning trial's config and score, and its position in trials" },
  { name: "best: many trials", call: "bestTrial", args: [Array.from({ length: 500 }, (_, i) => trial(Math.round(1000 * Math.abs(Math.sin(i * 0.37))) / 1000, { i })), "min"], compare: close(), misconception: "last-on-ties", hint: tiesHint },
  { name: "best: same result when called twice", call: "bestTrial", args: [trials([0.5, 0.6, 0.55]), "max"], compare: close(), repeat: 2, misconception: "hidden-state", hint: "keep nothing between calls" },
  { name: "best: throws when there are no trials", call: "bestTrial", args: [[], "min"], compare: throws(), misconception: "empty-returns", hint: "with no trials there is no best one: throw an Error" },
  { name: "best: throws when every score is NaN", call: "bestTrial", args: [trials([Number.NaN, Number.NaN]), "max"], compare: throws(), misconception: "all-nan-returns", hint: "when no score is a number there is no best trial: throw an Error" },
];

/** The contract's generator, to check the test data below (never sent anywhere). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A choice index ⌊u·length⌋ must not depend on float32 rounding (a tfjs solution multiplies in float32):
 * every draw that picks a choice in these tests keeps u·length at least 1e-6 away from an integer. Checked
 * when the package loads.
 */
function assertChoicesClearOfBoundaries(list: Test[]): void {
  for (const test of list) {
    if (test.call !== "randomConfigurations" || test.compare?.kind === "throws") continue;
    const [space, n, seed] = test.args as [(Choice | Range)[], number, number];
    const r = mulberry32(seed);
    for (let k = 0; k < n; k++) {
      for (const parameter of space) {
        const scaled = r() * ("values" in parameter ? parameter.values.length : 1);
        const gap = Math.abs(scaled - Math.round(scaled));
        if ("values" in parameter && parameter.values.length > 1 && gap < 1e-6) {
          throw new Error(`hyperparameter-search: ${test.name}: a choice draw sits ${gap} from an index boundary`);
        }
      }
    }
  }
}

const examples: Test[] = [
  {
    name: "example: a 2 × 3 grid",
    call: "gridConfigurations",
    args: [[{ name: "lr", values: [0.01, 0.1] }, { name: "units", values: [32, 64, 128] }]],
    compare: configs(),
  },
  {
    name: "example: three random configurations",
    call: "randomConfigurations",
    args: [[{ name: "lr", min: 1e-4, max: 1e-1, scale: "log" }, { name: "units", values: [32, 64, 128] }, { name: "dropout", min: 0, max: 0.5, scale: "linear" }], 3, 42],
    compare: configs(),
  },
  {
    name: "example: the best of four trials",
    call: "bestTrial",
    args: [[trial(0.41, { lr: 0.1 }), trial(Number.NaN, { lr: 1 }), trial(0.27, { lr: 0.01 }), trial(0.27, { lr: 0.001 })], "min"],
    // The default tolerance, not exact(): a score returned as a float32 scalar tensor is a valid number result.
    compare: close(),
  },
];
assertChoicesClearOfBoundaries([...examples, ...tests]);

export default defineExercise({
  id: "hyperparameter-search",
  title: "Grid search, random search and the best trial",
  topic: "Hyperparameter search",
  kind: "code",
  points: 15,
  difficulty: "medium",
  exports: ["gridConfigurations", "randomConfigurations", "bestTrial"],
  examples,
  tests,
});
