import * as tf from "@tensorflow/tfjs";
import { hostOptimizerSteps, interleave, wave } from "../../lib/exercises/authoring/trajectories";
import { drawnTrajectory } from "../../lib/exercises/authoring/drawn";
import { close } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];
interface State {
  w: number[];
  meanSquare: number[];
}

/** Every value moved at least `min` away from 0 (keeps the mean squares far above ε). */
function awayFromZero(values: number[], min = 0.1): number[] {
  return values.map((x) => Math.round((x < 0 ? x - min : x + min) * 1000) / 1000);
}

/**
 * tfjs' own `tf.train.rmsprop` on the same gradients, as an independent reference. With momentum 0
 * and centered false it is plain RMSProp: s′ = decay·s + (1 − decay)·g², w′ = w − lr·g/√(s′ + ε)
 * (ε inside the root; the trajectories keep s′ ≥ 1e-4 wherever g ≠ 0 and use ε = 1e-8, so the
 * placement is far below the tolerance). tfjs starts s at 0, as Keras does.
 */
async function tfjsTrajectory(w0: number[], grads: number[][], lr: number, rho: number, epsilon: number): Promise<State[]> {
  const steps = await hostOptimizerSteps(w0, grads, () => tf.train.rmsprop(lr, rho, 0, epsilon, false), ["rms"]);
  return [{ w: [...w0], meanSquare: w0.map(() => 0) }, ...steps.map((s) => ({ w: s.w, meanSquare: s.slots.rms! }))];
}

const EPS = 1e-7;
const trajectoryHint =
  "start from the mean square you are given (not one remembered from an earlier call) and return the new one: the caller passes it back at the next step";

async function trajectory(label: string, w0: number[], grads: number[][], lr: number, rho: number, epsilon: number): Promise<Test[]> {
  const states = await tfjsTrajectory(w0, grads, lr, rho, epsilon);
  return grads.map((g, k) => ({
    name: `tfjs trajectory ${label}, step ${k + 1} of ${grads.length}`,
    call: "rmspropStep",
    args: [states[k]!.w, g, states[k]!.meanSquare, lr, rho, epsilon],
    expected: states[k + 1],
    compare: close(),
    misconception: "state-not-carried",
    hint: trajectoryHint,
  }));
}

const trajectories: Test[] = interleave(
  // Keras' default rho = 0.9, gradients that change sign.
  await trajectory("A", [0.5, -1.2, 2, 0, 1.5], Array.from({ length: 7 }, (_, k) => awayFromZero(wave(5, k, 1))), 0.01, 0.9, 1e-8),
  // A long memory (rho = 0.99); one weight gets no gradient for its first two steps.
  await trajectory(
    "B",
    [1, -0.5, 0.25],
    Array.from({ length: 5 }, (_, k) => {
      const g = awayFromZero(wave(3, k + 5, 0.5));
      if (k < 2) g[1] = 0;
      return g;
    }),
    0.002,
    0.99,
    1e-8,
  ),
);

const rhoHint = "rho weighs the old average and (1 − rho) the new g²: s′ = rho·s + (1 − rho)·g²";
const squareHint = "average the square of the gradient: a negative gradient still adds a positive amount";
const newAvgHint = "update the moving average first, then divide by the square root of the new one";
const sqrtHint = "divide by the square root of the mean square (plus ε), not by the mean square itself";
const epsilonHint = "keep ε in the denominator: with a zero gradient and a zero mean square, 0/0 is NaN";

export default defineExercise({
  id: "rmsprop",
  title: "RMSProp",
  topic: "Optimizers",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["rmspropStep"],
  examples: [
    drawnTrajectory("example: 30 steps down the bowl ½(w₀² + 8·w₁²) from [2, 1], lr 0.05, rho 0.9 (drawn)", {
      call: "rmspropStep",
      firstArgs: [[2, 1], null, [0, 0], 0.05, 0.9, EPS],
      steps: 30,
      carry: { 0: "w", 2: "meanSquare" },
      gradient: { arg: 1, scale: [1, 8] },
    }),
    { name: "example: a step with a running average", call: "rmspropStep", args: [[1, -0.5], [0.2, -0.4], [0.01, 0.04], 0.01, 0.9, EPS], compare: close() },
    { name: "example: a first step from zero", call: "rmspropStep", args: [[0.5], [2], [0], 0.001, 0.9, EPS], compare: close() },
  ],
  tests: [
    {
      name: "returns the fields w and meanSquare",
      call: "rmspropStep",
      args: [[0.2, -0.4, 0.6], [0.1, 0.2, -0.3], [0.1, 0.1, 0.1], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "wrong-field-names",
      hint: "return an object with exactly the fields w and meanSquare",
    },
    {
      name: "a step with a nonzero mean square",
      call: "rmspropStep",
      args: [[0.3, -0.7, 1.1, 0.05], [0.5, -0.4, 0.25, 1.5], [0.2, 1, 0.05, 2], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "old-mean-square",
      hint: newAvgHint,
    },
    {
      name: "rho weighs the old average",
      call: "rmspropStep",
      args: [[1, -1, 0.5], [0.1, -0.2, 0.3], [1, 0.5, 0.01], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "rho-swapped",
      hint: rhoHint,
    },
    {
      name: "rho 0 keeps only the newest gradient",
      call: "rmspropStep",
      args: [[1, 2, 3], [0.5, -0.25, 2], [4, 0.01, 1], 0.01, 0, EPS],
      compare: close(),
      misconception: "rho-swapped",
      hint: rhoHint,
    },
    {
      name: "rho close to 1 barely moves the average",
      call: "rmspropStep",
      args: [[0.5, -0.5, 0], [2, -1, 0.3], [0.04, 0.09, 0.25], 0.001, 0.999, EPS],
      compare: close(),
      misconception: "rho-swapped",
      hint: rhoHint,
    },
    {
      name: "rho 1 freezes the average",
      call: "rmspropStep",
      args: [[0.5, -0.5], [1.5, -0.5], [0.25, 0.04], 0.01, 1, EPS],
      compare: close(),
      misconception: "rho-swapped",
      hint: rhoHint,
    },
    {
      name: "negative gradients",
      call: "rmspropStep",
      args: [[1, 2, -3], [-0.5, -2, -0.3], [0.5, 0.5, 0.5], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "the average is of squared gradients",
      call: "rmspropStep",
      args: [[0, 0, 0], [0.3, 3, 0.5], [1, 1, 1], 0.01, 0.5, EPS],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "a moving average, not a running sum",
      call: "rmspropStep",
      args: [[1, -1, 2], [0.8, -0.6, 1.2], [0.5, 0.3, 2], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "sum-instead-of-average",
      hint: "RMSProp forgets: s′ = rho·s + (1 − rho)·g², not s + g² as in Adagrad",
    },
    {
      name: "the step divides by a square root",
      call: "rmspropStep",
      args: [[1, 1, 1], [2, 0.5, -1], [5, 0.25, 3], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "no-sqrt",
      hint: sqrtHint,
    },
    {
      name: "each weight has its own average",
      call: "rmspropStep",
      args: [[0.5, 0.5, 0.5, 0.5], [0.1, 1, 0.2, 4], [0.01, 1, 100, 0.5], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "shared-mean-square",
      hint: "keep one moving average per weight: every element is scaled by its own history of g²",
    },
    {
      name: "returns the updated mean square",
      call: "rmspropStep",
      args: [[0.5, -0.5], [0.4, 0.6], [0.3, 0.2], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "returns-old-state",
      hint: "return the mean square after the update: the caller passes it back at the next step",
    },
    {
      name: "moves against the gradient",
      call: "rmspropStep",
      args: [[0, 0, 0], [1, -1, 0.5], [0, 0, 0], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "wrong-sign",
      hint: "subtract the step: the weights move against the gradient",
    },
    {
      name: "zero gradients with an empty mean square",
      call: "rmspropStep",
      args: [[1, -2, 0.5], [0, 0, 0], [0, 0, 0], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "no-epsilon",
      hint: epsilonHint,
    },
    {
      name: "some zero gradients with an empty mean square",
      call: "rmspropStep",
      args: [[1, -2, 0.5, 3], [0, 0.4, 0, -0.2], [0, 0, 0, 0], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "no-epsilon",
      hint: epsilonHint,
    },
    {
      name: "zero gradients let the average decay",
      call: "rmspropStep",
      args: [[1, -2, 0.5], [0, 0, 0], [0.5, 2, 0.01], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "returns-old-state",
      hint: "the mean square decays by rho even when the gradient is zero",
    },
    {
      name: "learning rate 0",
      call: "rmspropStep",
      args: [[1, -2, 3], [0.7, -0.2, 0.4], [0.1, 0.2, 0.3], 0, 0.9, EPS],
      compare: close(),
      misconception: "returns-old-state",
      hint: "with lr = 0 the weights stay put, but the mean square is still updated",
    },
    {
      name: "a smaller epsilon",
      call: "rmspropStep",
      args: [[0.25, 0.75], [0.3, -0.6], [0.04, 0.2], 0.001, 0.95, 1e-10],
      compare: close(),
    },
    {
      name: "a single weight",
      call: "rmspropStep",
      args: [[3], [-0.8], [0.25], 0.05, 0.8, EPS],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "a long vector",
      call: "rmspropStep",
      args: [wave(1000, 1, 2), awayFromZero(wave(1000, 2, 1)), wave(1000, 3, 1).map((x) => x * x + 0.01), 0.01, 0.9, EPS],
      compare: close(),
    },
    {
      name: "does not modify its arguments",
      call: "rmspropStep",
      args: [[0.4, -0.6, 0.8], [0.3, 0.3, -0.3], [0.05, 0.5, 0.1], 0.01, 0.9, EPS],
      compare: close(),
      misconception: "mutates-input",
      hint: "build new arrays for w and the mean square; do not update the array you are given in place",
    },
    {
      name: "same result when called twice",
      call: "rmspropStep",
      args: [[0.7, -0.1], [0.2, -0.9], [0.1, 0.05], 0.01, 0.9, EPS],
      compare: close(),
      repeat: 3,
      misconception: "state-in-module",
      hint: "keep no state in module-level variables: everything a step needs arrives as an argument",
    },
    ...trajectories,
  ],
});
