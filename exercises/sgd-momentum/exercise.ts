import * as tf from "@tensorflow/tfjs";
import { hostOptimizerSteps, interleave, wave } from "../../lib/exercises/authoring/trajectories";
import { drawnTrajectory } from "../../lib/exercises/authoring/drawn";
import { close } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];
interface State {
  w: number[];
  velocity: number[];
}

/**
 * tfjs' own `tf.train.momentum` on the same gradients, as an independent reference. tfjs keeps
 * acc′ = momentum·acc + g and does w′ = w − lr·acc′; with a constant lr this is Keras' rule with
 * velocity = −lr·acc (induction: −lr·acc′ = momentum·(−lr·acc) − lr·g). Returns the state before and
 * after every step, in the catalogue's terms.
 */
async function tfjsTrajectory(w0: number[], grads: number[][], lr: number, momentum: number): Promise<State[]> {
  const steps = await hostOptimizerSteps(w0, grads, () => tf.train.momentum(lr, momentum), ["momentum"]);
  return [{ w: [...w0], velocity: w0.map(() => 0) }, ...steps.map((s) => ({ w: s.w, velocity: s.slots.momentum!.map((a) => -lr * a) }))];
}

const trajectoryHint =
  "start from the velocity you are given (not one remembered from an earlier call) and return the new one: the caller passes it back at the next step";

async function trajectory(label: string, w0: number[], grads: number[][], lr: number, momentum: number): Promise<Test[]> {
  const states = await tfjsTrajectory(w0, grads, lr, momentum);
  return grads.map((g, k) => ({
    name: `tfjs trajectory ${label}, step ${k + 1} of ${grads.length}`,
    call: "momentumStep",
    args: [states[k]!.w, g, states[k]!.velocity, lr, momentum],
    expected: states[k + 1],
    compare: close(),
    misconception: "state-not-carried",
    hint: trajectoryHint,
  }));
}

const trajectories: Test[] = interleave(
  // A bowl-shaped descent: gradients that change sign, momentum 0.9 (Keras' usual value).
  await trajectory("A", [0.5, -1.2, 2, 0, 1.5], Array.from({ length: 8 }, (_, k) => wave(5, k, 0.8)), 0.05, 0.9),
  // Consistently negative gradients, so the velocity keeps growing; a single weight per step.
  await trajectory("B", [-0.25], Array.from({ length: 5 }, (_, k) => [-(0.3 + 0.1 * k)]), 0.1, 0.5),
);

const signHint =
  "the velocity is the step itself, so it points against the gradient: velocity′ = momentum·velocity − lr·g, and then w′ = w + velocity′";
const orderHint = "compute velocity′ first, then move the weights by the new velocity, not the old one";
const lrHint = "the velocity is measured in units of the weights: it already contains lr·g, so w′ = w + velocity′ with no further lr";
const returnHint = "return the updated velocity next to w: the caller passes it back at the next step";

export default defineExercise({
  id: "sgd-momentum",
  title: "SGD with momentum",
  topic: "Optimizers",
  kind: "code",
  points: 10,
  difficulty: "medium",
  exports: ["momentumStep"],
  examples: [
    drawnTrajectory("example: 30 steps down the bowl ½(w₀² + 8·w₁²) from [2, 1], lr 0.05, momentum 0.9 (drawn)", {
      call: "momentumStep",
      firstArgs: [[2, 1], null, [0, 0], 0.05, 0.9],
      steps: 30,
      carry: { 0: "w", 2: "velocity" },
      gradient: { arg: 1, scale: [1, 8] },
    }),
    { name: "example: a first step from rest", call: "momentumStep", args: [[1, 2], [0.5, -1], [0, 0], 0.1, 0.9], compare: close() },
    { name: "example: the next step, with velocity", call: "momentumStep", args: [[0.95, 2.1], [0.5, -1], [-0.05, 0.1], 0.1, 0.9], compare: close() },
  ],
  tests: [
    {
      name: "returns the fields w and velocity",
      call: "momentumStep",
      args: [[0.2, -0.4, 0.6], [0.1, 0.2, -0.3], [0, 0, 0], 0.1, 0.9],
      compare: close(),
      misconception: "wrong-field-names",
      hint: "return an object with exactly the fields w and velocity",
    },
    {
      name: "a first step from zero velocity",
      call: "momentumStep",
      args: [[0.3, -0.7, 1.1, 0.05], [0.2, -0.4, 0.05, 1.5], [0, 0, 0, 0], 0.01, 0.9],
      compare: close(),
      misconception: "velocity-sign",
      hint: signHint,
    },
    {
      name: "a step with an incoming velocity",
      call: "momentumStep",
      args: [[0.3, -0.7, 1.1], [0.2, -0.4, 0.05], [-0.02, 0.03, 0.01], 0.05, 0.9],
      compare: close(),
      misconception: "velocity-sign",
      hint: signHint,
    },
    {
      name: "the weights move by the new velocity",
      call: "momentumStep",
      args: [[1, 1, 1], [1, -2, 0.5], [0.1, -0.1, 0], 0.1, 0.8],
      compare: close(),
      misconception: "old-velocity",
      hint: orderHint,
    },
    {
      name: "returns the updated velocity",
      call: "momentumStep",
      args: [[0.5, -0.5], [0.4, 0.6], [-0.3, 0.2], 0.1, 0.9],
      compare: close(),
      misconception: "returns-old-state",
      hint: returnHint,
    },
    {
      name: "the learning rate scales only the gradient",
      call: "momentumStep",
      args: [[2, -3, 0.5], [0.5, 0.25, -1], [-0.4, 0.6, 0.2], 0.01, 0.9],
      compare: close(),
      misconception: "velocity-without-lr",
      hint: lrHint,
    },
    {
      name: "momentum 0 is plain gradient descent",
      call: "momentumStep",
      args: [[1.5, -0.5, 0.25], [0.3, -0.6, 0.9], [0.5, -0.5, 0.25], 0.1, 0],
      compare: close(),
      misconception: "old-velocity",
      hint: "with momentum 0 the old velocity is forgotten entirely: the step is just −lr·g",
    },
    {
      name: "learning rate 0 still coasts on the velocity",
      call: "momentumStep",
      args: [[1, -2, 3], [0.7, -0.2, 0.4], [-0.1, 0.2, 0.05], 0, 0.9],
      compare: close(),
      misconception: "velocity-without-lr",
      hint: "with lr = 0 the gradient has no effect, but the weights still move by momentum·velocity",
    },
    {
      name: "momentum is applied to the velocity, not to the gradient",
      call: "momentumStep",
      args: [[0, 0, 0], [1, -1, 2], [0.2, 0.2, -0.2], 0.1, 0.5],
      compare: close(),
      misconception: "momentum-misplaced",
      hint: "momentum multiplies only the old velocity; the gradient term is −lr·g, undamped",
    },
    {
      name: "momentum close to 1",
      call: "momentumStep",
      args: [[0.1, 0.2, 0.3], [0.05, -0.05, 0.1], [-0.5, 0.4, -0.3], 0.05, 0.99],
      compare: close(),
      misconception: "momentum-misplaced",
      hint: "momentum multiplies only the old velocity; the gradient term is −lr·g, undamped",
    },
    {
      name: "zero gradients let the velocity decay",
      call: "momentumStep",
      args: [[1, 2, 3], [0, 0, 0], [0.3, -0.2, 0.1], 0.1, 0.9],
      compare: close(),
      misconception: "old-velocity",
      hint: orderHint,
    },
    {
      name: "all gradients negative",
      call: "momentumStep",
      args: [[-1, 0.5, 2, -0.3], [-0.4, -1.2, -0.05, -2], [-0.1, 0.2, 0.3, 0], 0.05, 0.9],
      compare: close(),
      misconception: "velocity-sign",
      hint: signHint,
    },
    {
      name: "a single weight",
      call: "momentumStep",
      args: [[3], [-0.8], [0.25], 0.2, 0.7],
      compare: close(),
      misconception: "velocity-sign",
      hint: signHint,
    },
    {
      name: "a long vector",
      call: "momentumStep",
      args: [wave(1000, 1, 2), wave(1000, 2, 1), wave(1000, 3, 0.1), 0.02, 0.9],
      compare: close(),
    },
    {
      name: "does not modify its arguments",
      call: "momentumStep",
      args: [[0.4, -0.6, 0.8], [0.3, 0.3, -0.3], [0.05, -0.05, 0.1], 0.1, 0.9],
      compare: close(),
      misconception: "mutates-input",
      hint: "build new arrays for w and velocity; do not write into the arrays you are given",
    },
    {
      name: "same result when called twice",
      call: "momentumStep",
      args: [[0.7, -0.1], [0.2, -0.9], [0.1, 0.05], 0.05, 0.9],
      compare: close(),
      repeat: 3,
      misconception: "state-in-module",
      hint: "keep no state in module-level variables: everything a step needs arrives as an argument",
    },
    ...trajectories,
  ],
});
