import * as tf from "@tensorflow/tfjs";
import { hostOptimizerSteps, interleave, wave } from "../../lib/exercises/authoring/trajectories";
import { drawnTrajectory } from "../../lib/exercises/authoring/drawn";
import { close } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];
interface State {
  w: number[];
  accumulator: number[];
}

/** Like `wave`, but every value is at least `min` away from 0 (keeps accumulators far above ε). */
function awayFromZero(values: number[], min = 0.1): number[] {
  return values.map((x) => Math.round((x < 0 ? x - min : x + min) * 1000) / 1000);
}

/**
 * tfjs' own `tf.train.adagrad` on the same gradients, as an independent reference. tfjs starts the
 * accumulator at `initialAccumulatorValue` (its default is 0.1; we pass the value our state starts
 * from) and divides by √(acc′ + 1e-7), ε inside the root and fixed to the backend's epsilon: the
 * trajectories keep acc′ ≥ 0.01 wherever g ≠ 0, so that placement is far below the tolerance.
 */
async function tfjsTrajectory(w0: number[], grads: number[][], lr: number, initialAccumulator: number): Promise<State[]> {
  const steps = await hostOptimizerSteps(w0, grads, () => tf.train.adagrad(lr, initialAccumulator), ["accumulator"]);
  return [{ w: [...w0], accumulator: w0.map(() => initialAccumulator) }, ...steps.map((s) => ({ w: s.w, accumulator: s.slots.accumulator! }))];
}

const EPS = 1e-7;
const trajectoryHint =
  "start from the accumulator you are given (not one remembered from an earlier call) and return the new one: the caller passes it back at the next step";

async function trajectory(label: string, w0: number[], grads: number[][], lr: number, initialAccumulator: number): Promise<Test[]> {
  const states = await tfjsTrajectory(w0, grads, lr, initialAccumulator);
  return grads.map((g, k) => ({
    name: `tfjs trajectory ${label}, step ${k + 1} of ${grads.length}`,
    call: "adagradStep",
    args: [states[k]!.w, g, states[k]!.accumulator, lr, EPS],
    expected: states[k + 1],
    compare: close(),
    misconception: "state-not-carried",
    hint: trajectoryHint,
  }));
}

const trajectories: Test[] = interleave(
  // tfjs' default start (every accumulator at 0.1), gradients that change sign.
  await trajectory("A", [0.5, -1.2, 2, 0, 1.5], Array.from({ length: 6 }, (_, k) => wave(5, k, 1.5)), 0.1, 0.1),
  // Keras' start (accumulators at 0); one weight gets no gradient for its first two steps.
  await trajectory(
    "B",
    [1, -0.5, 0.25, 2],
    Array.from({ length: 5 }, (_, k) => {
      const g = awayFromZero(wave(4, k + 7, 0.8));
      if (k < 2) g[2] = 0;
      return g;
    }),
    0.05,
    0,
  ),
);

const squareHint = "add the square of the gradient: a negative gradient still makes the accumulator grow";
const newAccHint = "add g² to the accumulator first, then divide by the square root of the new sum";
const sqrtHint = "divide by the square root of the accumulator (plus ε), not by the accumulator itself";
const epsilonHint = "keep ε in the denominator: with a zero gradient and a zero accumulator, 0/0 is NaN";

export default defineExercise({
  id: "adagrad",
  title: "Adagrad",
  topic: "Optimizers",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["adagradStep"],
  examples: [
    drawnTrajectory("example: 30 steps down the bowl ½(w₀² + 8·w₁²) from [2, 1], lr 0.5 (drawn)", {
      call: "adagradStep",
      firstArgs: [[2, 1], null, [0, 0], 0.5, EPS],
      steps: 30,
      carry: { 0: "w", 2: "accumulator" },
      gradient: { arg: 1, scale: [1, 8] },
    }),
    { name: "example: a step with a small accumulator", call: "adagradStep", args: [[1, -0.5], [0.2, -0.4], [0.1, 0.1], 0.1, EPS], compare: close() },
    { name: "example: a first step from zero", call: "adagradStep", args: [[0.5], [2], [0], 0.01, EPS], compare: close() },
  ],
  tests: [
    {
      name: "returns the fields w and accumulator",
      call: "adagradStep",
      args: [[0.2, -0.4, 0.6], [0.1, 0.2, -0.3], [0.1, 0.1, 0.1], 0.1, EPS],
      compare: close(),
      misconception: "wrong-field-names",
      hint: "return an object with exactly the fields w and accumulator",
    },
    {
      name: "a step with a nonzero accumulator",
      call: "adagradStep",
      args: [[0.3, -0.7, 1.1, 0.05], [0.5, -0.4, 0.25, 1.5], [0.2, 1, 0.05, 2], 0.1, EPS],
      compare: close(),
      misconception: "old-accumulator",
      hint: newAccHint,
    },
    {
      name: "negative gradients",
      call: "adagradStep",
      args: [[1, 2, -3], [-0.5, -2, -0.3], [0.5, 0.5, 0.5], 0.1, EPS],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "the accumulator grows by the squared gradient",
      call: "adagradStep",
      args: [[0, 0, 0], [0.3, 3, 0.5], [1, 1, 1], 0.5, EPS],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "the step divides by a square root",
      call: "adagradStep",
      args: [[1, 1, 1], [2, 0.5, -1], [5, 0.25, 3], 0.1, EPS],
      compare: close(),
      misconception: "no-sqrt",
      hint: sqrtHint,
    },
    {
      name: "each weight has its own accumulator",
      call: "adagradStep",
      args: [[0.5, 0.5, 0.5, 0.5], [0.1, 1, 0.2, 4], [0.01, 1, 100, 0.5], 0.2, EPS],
      compare: close(),
      misconception: "shared-accumulator",
      hint: "keep one accumulator per weight: every element is scaled by its own history of g²",
    },
    {
      name: "returns the updated accumulator",
      call: "adagradStep",
      args: [[0.5, -0.5], [0.4, 0.6], [0.3, 0.2], 0.1, EPS],
      compare: close(),
      misconception: "returns-old-state",
      hint: "return the accumulator after adding g²: the caller passes it back at the next step",
    },
    {
      name: "moves against the gradient",
      call: "adagradStep",
      args: [[0, 0, 0], [1, -1, 0.5], [0, 0, 0], 0.1, EPS],
      compare: close(),
      misconception: "wrong-sign",
      hint: "subtract the step: the weights move against the gradient",
    },
    {
      name: "zero gradients with an empty accumulator",
      call: "adagradStep",
      args: [[1, -2, 0.5], [0, 0, 0], [0, 0, 0], 0.1, EPS],
      compare: close(),
      misconception: "no-epsilon",
      hint: epsilonHint,
    },
    {
      name: "some zero gradients with an empty accumulator",
      call: "adagradStep",
      args: [[1, -2, 0.5, 3], [0, 0.4, 0, -0.2], [0, 0, 0, 0], 0.05, EPS],
      compare: close(),
      misconception: "no-epsilon",
      hint: epsilonHint,
    },
    {
      name: "zero gradients leave the weights where they are",
      call: "adagradStep",
      args: [[1, -2, 0.5], [0, 0, 0], [0.5, 2, 0.01], 0.1, EPS],
      compare: close(),
    },
    {
      name: "learning rate 0",
      call: "adagradStep",
      args: [[1, -2, 3], [0.7, -0.2, 0.4], [0.1, 0.2, 0.3], 0, EPS],
      compare: close(),
      misconception: "returns-old-state",
      hint: "with lr = 0 the weights stay put, but the accumulator still grows by g²",
    },
    {
      name: "a large accumulator makes small steps",
      call: "adagradStep",
      args: [[0.5, -0.5, 1], [1, -2, 0.5], [400, 900, 100], 1, EPS],
      compare: close(),
      misconception: "no-sqrt",
      hint: sqrtHint,
    },
    {
      name: "a smaller epsilon",
      call: "adagradStep",
      args: [[0.25, 0.75], [0.3, -0.6], [0.04, 0.2], 0.01, 1e-10],
      compare: close(),
    },
    {
      name: "a single weight",
      call: "adagradStep",
      args: [[3], [-0.8], [0.25], 0.2, EPS],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "a long vector",
      call: "adagradStep",
      args: [wave(1000, 1, 2), awayFromZero(wave(1000, 2, 1)), wave(1000, 3, 1).map((x) => x * x + 0.01), 0.05, EPS],
      compare: close(),
    },
    {
      name: "does not modify its arguments",
      call: "adagradStep",
      args: [[0.4, -0.6, 0.8], [0.3, 0.3, -0.3], [0.05, 0.5, 0.1], 0.1, EPS],
      compare: close(),
      misconception: "mutates-input",
      hint: "build new arrays for w and the accumulator; do not add g² into the array you are given",
    },
    {
      name: "same result when called twice",
      call: "adagradStep",
      args: [[0.7, -0.1], [0.2, -0.9], [0.1, 0.05], 0.05, EPS],
      compare: close(),
      repeat: 3,
      misconception: "state-in-module",
      hint: "keep no state in module-level variables: everything a step needs arrives as an argument",
    },
    ...trajectories,
  ],
});
