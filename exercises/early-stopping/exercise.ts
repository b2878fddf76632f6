import * as tf from "@tensorflow/tfjs";
import { check, exact, findMismatch, formatMismatch, type Comparator } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { drawnMarks } from "../../lib/exercises/authoring/drawn";
import { toValue } from "../../lib/grading/value";

type Test = CodeExerciseInput["tests"][number];
interface Outcome {
  stoppedEpoch: number | null;
  bestEpoch: number;
}

/*
 * Independent reference: tfjs' own EarlyStopping callback (tf.callbacks.earlyStopping, mode "min"),
 * whose rule is the catalogue's: improvement when current + |minDelta| < best (NaN never), wait reset on
 * an improvement, otherwise wait += 1 and stop once wait ≥ patience. It is driven epoch by epoch on the
 * host, at load time (its onEpochEnd is async). tfjs does not track Keras' best_epoch, so bestEpoch is
 * the last epoch after which its wait counter was 0 (only an improvement sets it to 0).
 */
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
async function tfjsEarlyStopping(valLosses: number[], patience: number, minDelta?: number): Promise<Outcome> {
  const cb = tf.callbacks.earlyStopping({ monitor: "val_loss", mode: "min", patience, ...(minDelta === undefined ? {} : { minDelta }) });
  model.stopTraining = false;
  cb.setModel(model);
  await cb.onTrainBegin();
  let bestEpoch = 0;
  for (const [epoch, loss] of valLosses.entries()) {
    await cb.onEpochEnd(epoch, { val_loss: loss });
    if ((cb as unknown as { wait: number }).wait === 0) bestEpoch = epoch;
    if (model.stopTraining) return { stoppedEpoch: epoch, bestEpoch };
  }
  return { stoppedEpoch: null, bestEpoch };
}

/** [name, valLosses, patience, minDelta (omitted when undefined), misconception, hint] */
type Case = [string, number[], number, number | undefined, string?, string?];

const strictHint = "a loss equal to the best is not an improvement: it must be strictly below best − minDelta";
const offByOneHint = "training stops at the epoch where the count of epochs without improvement reaches patience (wait ≥ patience)";
const nanHint = "a NaN loss is never an improvement: it only adds 1 to the wait count, and it must not change the best loss";
const minDeltaHint = "an improvement must beat the best loss by more than minDelta: loss < best − minDelta";
const bestHint = "bestEpoch moves only when an epoch counts as an improvement";
const resetHint = "an improvement resets the count of epochs without improvement to 0";
const nan = Number.NaN;

const cases: Case[] = [
  ["patience 0 stops at the first epoch without improvement", [1, 0.9, 0.95, 0.5], 0, undefined, "patience-zero", offByOneHint],
  ["patience 0 with a single epoch", [0.7], 0, undefined, "patience-zero", "the first finite loss always improves on +∞, so epoch 0 never stops training"],
  ["patience 0 with a NaN loss", [0.5, nan], 0, undefined, "nan-improves", nanHint],
  ["stops when the wait reaches patience", [1, 1.1, 1.2, 1.3, 1.4], 2, undefined, "off-by-one-patience", offByOneHint],
  ["stops after three epochs without improvement", [0.9, 0.8, 0.85, 0.82, 0.81, 0.5], 3, undefined, "off-by-one-patience", offByOneHint],
  ["stops at the last epoch", [1, 2, 3], 2, undefined, "off-by-one-patience", offByOneHint],
  ["an equal loss is not an improvement", [1, 0.9, 0.9, 0.8], 1, undefined, "less-or-equal", strictHint],
  ["a plateau of equal losses", [0.5, 0.5, 0.5], 2, undefined, "less-or-equal", strictHint],
  ["an improvement resets the wait", [1, 1.1, 0.9, 1.0, 1.1, 1.2], 3, undefined, "wait-not-reset", resetHint],
  ["compares with the best loss, not the previous one", [1, 0.5, 0.8, 0.7, 0.75, 0.72], 3, undefined, "compares-previous-epoch", "compare each loss with the best loss so far, not with the previous epoch's"],
  ["never stops while the loss keeps falling", [2, 1.5, 1.2, 1, 0.9, 0.85], 1, undefined, "never-stops", "when training never stops, stoppedEpoch is null and bestEpoch is the last improvement"],
  ["never stops with a large patience", [1, 1.2, 1.1, 1.3, 1.25], 10, undefined, "never-stops", "when training never stops, stoppedEpoch is null"],
  ["losses after the stop do not count", [1, 1.1, 1.2, 0.1], 2, undefined, "looks-past-stop", "once training stops, later losses are never seen: bestEpoch cannot come from them"],
  ["negative losses", [-1, -2, -1.5, -1.9], 2, undefined],
  ["an infinite loss is not an improvement", [1, Number.POSITIVE_INFINITY, 0.5], 2, undefined, "nan-improves"],
  ["NaN losses never improve", [1, nan, nan, 0.5], 2, undefined, "nan-improves", nanHint],
  ["a NaN loss then a recovery", [1, nan, 0.8, nan, 0.7], 2, undefined, "nan-poisons-best", nanHint],
  ["many NaN losses with a large patience", [0.4, nan, 0.3, nan, nan, 0.35], 5, undefined, "nan-poisons-best", nanHint],
  ["minDelta given: small gains do not count", [1, 0.995, 0.992, 0.985], 2, 0.01, "ignores-min-delta", minDeltaHint],
  ["minDelta given: a large enough gain counts", [1, 0.97, 0.93, 0.96], 2, 0.05, "best-updated-without-improvement", "when an epoch is not an improvement, leave the best loss as it is"],
  ["minDelta given: bestEpoch ignores small gains", [1, 0.97, 1.2], 5, 0.05, "best-epoch-on-non-improvement", bestHint],
  ["minDelta given: a worse loss is no improvement", [1, 1.005, 1.008, 1.2], 2, 0.01, "min-delta-wrong-sign", minDeltaHint],
  ["minDelta given as 0", [1, 0.999, 0.998, 1.5, 1.6], 2, 0, "ignores-min-delta"],
  ["minDelta omitted", [1, 0.999, 0.998, 1.5, 1.6], 2, undefined, "min-delta-default", "minDelta defaults to 0: tiny gains count when it is omitted"],
  ["minDelta omitted with a NaN loss", [3, 2, nan, 2.5, 1], 3, undefined, "min-delta-default", "minDelta defaults to 0 when it is omitted"],
  ["minDelta given with a long run", [1, 0.9, 0.885, 0.87, 0.86, 0.7, 0.69, 0.695], 3, 0.02, "ignores-min-delta", minDeltaHint],
];

const references = new Map<string, Outcome>();
for (const [name, losses, patience, minDelta] of cases) references.set(name, await tfjsEarlyStopping(losses, patience, minDelta));

/** Equal to the reference solution's answer and to tfjs' EarlyStopping's (whole numbers: exact). */
const vsTfjs = (name: string): Comparator =>
  check((result, { expected }) => {
    const actual = toValue(result);
    const exactly = { rtol: 0, atol: 0 };
    if (expected !== undefined) {
      const m = findMismatch(toValue(expected), actual, exactly);
      if (m) return formatMismatch(m, false);
    }
    const m = findMismatch(toValue(references.get(name)), actual, exactly);
    return m ? `${formatMismatch(m, false)} (compared with tfjs' EarlyStopping)` : true;
  });

const caseTests: Test[] = cases.map(([name, losses, patience, minDelta, misconception, hint]) => ({
  name,
  call: "earlyStopping",
  args: minDelta === undefined ? [losses, patience] : [losses, patience, minDelta],
  compare: vsTfjs(name),
  ...(misconception ? { misconception } : {}),
  ...(hint ? { hint } : {}),
}));

export default defineExercise({
  id: "early-stopping",
  title: "Early stopping, epoch by epoch",
  topic: "Generalization",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["earlyStopping"],
  examples: [
    drawnMarks(
      "example: earlyStopping over 12 epochs with patience 3 (drawn)",
      "earlyStopping",
      [[1.0, 0.82, 0.7, 0.64, 0.61, 0.6, 0.62, 0.59, 0.6, 0.61, 0.63, 0.66], 3],
      { curveArg: 0, marks: ["stoppedEpoch", "bestEpoch"], x: "epoch", y: "validation loss" },
    ),
    { name: "example: earlyStopping([1.0, 0.8, 0.85, 0.9, 0.7], 2)", call: "earlyStopping", args: [[1.0, 0.8, 0.85, 0.9, 0.7], 2], compare: exact() },
    { name: "example: earlyStopping([0.9, 0.8, 0.7], 1)", call: "earlyStopping", args: [[0.9, 0.8, 0.7], 1], compare: exact() },
    { name: "example: earlyStopping([1.0, 0.95, 0.85, 0.8, 1.1], 2, 0.1)", call: "earlyStopping", args: [[1.0, 0.95, 0.85, 0.8, 1.1], 2, 0.1], compare: exact() },
  ],
  tests: [
    ...caseTests,
    { name: "does not modify its arguments", call: "earlyStopping", args: [[1, 0.5, 0.7, 0.9, 0.2], 2, 0.01], compare: exact(), misconception: "mutates-input", hint: "read valLosses; do not sort it or write into it" },
    { name: "same result when called twice", call: "earlyStopping", args: [[1, 0.9, 1, 1, 1], 2], compare: exact(), repeat: 3, misconception: "hidden-state", hint: "start every call from best = +∞ and wait = 0; do not keep them in module-level variables" },
  ],
});
