import * as tf from "@tensorflow/tfjs";
import { hostOptimizerSteps, interleave, wave } from "../../lib/exercises/authoring/trajectories";
import { drawnTrajectory } from "../../lib/exercises/authoring/drawn";
import { close } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];
interface AdamState {
  m: number[];
  v: number[];
  t: number;
}
interface Hp {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}
interface Step {
  w: number[];
  state: AdamState;
}

/** Every value moved at least `min` away from 0 (keeps √v̂ far above ε). */
function awayFromZero(values: number[], min = 0.1): number[] {
  return values.map((x) => Math.round((x < 0 ? x - min : x + min) * 1000) / 1000);
}

/**
 * tfjs' own `tf.train.adam` on the same gradients, as an independent reference. tfjs follows the paper
 * (as the catalogue does): m̂ = m′/(1 − β1^t′), v̂ = v′/(1 − β2^t′), w′ = w − lr·m̂/(√v̂ + ε), with t
 * starting at 0 (its β^t accumulators start at β, the value for t′ = 1). Keras instead folds the
 * corrections into the learning rate, which amounts to ε/√(1 − β2^t′) in place of ε; the
 * trajectories keep |g| ≥ 0.1 wherever g ≠ 0, so √v̂ is at least ~0.03 and that difference stays below
 * 1e-4 of the step.
 */
async function tfjsTrajectory(w0: number[], grads: number[][], hp: Hp): Promise<Step[]> {
  const steps = await hostOptimizerSteps(w0, grads, () => tf.train.adam(hp.lr, hp.beta1, hp.beta2, hp.epsilon), ["m", "v"]);
  const zeros = w0.map(() => 0);
  return [{ w: [...w0], state: { m: zeros, v: zeros, t: 0 } }, ...steps.map((s, k) => ({ w: s.w, state: { m: s.slots.m!, v: s.slots.v!, t: k + 1 } }))];
}

const trajectoryHint =
  "start from the state you are given (m, v and t, not values remembered from an earlier call) and return the new one: the caller passes it back at the next step";

async function trajectory(label: string, w0: number[], grads: number[][], hp: Hp): Promise<Test[]> {
  const steps = await tfjsTrajectory(w0, grads, hp);
  return grads.map((g, k) => ({
    name: `tfjs trajectory ${label}, step ${k + 1} of ${grads.length}`,
    call: "adamStep",
    args: [steps[k]!.w, g, steps[k]!.state, hp],
    expected: steps[k + 1],
    compare: close(),
    misconception: "state-not-carried",
    hint: trajectoryHint,
  }));
}

const H: Hp = { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

const trajectories: Test[] = interleave(
  // Keras' default betas, gradients that change sign.
  await trajectory("A", [0.5, -1.2, 2, 0, 1.5], Array.from({ length: 8 }, (_, k) => awayFromZero(wave(5, k, 1))), H),
  // Shorter memories and a larger step; mostly negative gradients, one weight without gradient at first.
  await trajectory(
    "B",
    [1, -0.5, 0.25],
    Array.from({ length: 5 }, (_, k) => {
      const g = awayFromZero(wave(3, k + 3, 0.6).map((x) => x - 0.3));
      if (k < 2) g[2] = 0;
      return g;
    }),
    { lr: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-8 },
  ),
);

const incrementHint = "increment t first and use t′ = t + 1 in both corrections: at the first step t′ = 1 (1 − β^0 would be 0)";
const biasHint = "divide m′ by 1 − β1^t′ and v′ by 1 − β2^t′ before taking the step: early moments are biased towards 0";
const squareHint = "the second moment averages g², the square of the gradient";
const zeros3 = [0, 0, 0];

export default defineExercise({
  id: "adam",
  title: "Adam",
  topic: "Optimizers",
  kind: "code",
  points: 15,
  difficulty: "hard",
  exports: ["adamStep"],
  examples: [
    drawnTrajectory("example: 30 steps down the bowl ½(w₀² + 8·w₁²) from [2, 1], lr 0.1 (drawn)", {
      call: "adamStep",
      firstArgs: [[2, 1], null, { m: [0, 0], v: [0, 0], t: 0 }, { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      steps: 30,
      carry: { 0: "w", 2: "state" },
      gradient: { arg: 1, scale: [1, 8] },
    }),
    {
      name: "example: the first step",
      call: "adamStep",
      args: [[1, -0.5], [0.2, -0.4], { m: [0, 0], v: [0, 0], t: 0 }, { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
    },
    {
      name: "example: the second step",
      call: "adamStep",
      args: [[0.999, -0.499], [0.1, -0.2], { m: [0.02, -0.04], v: [0.00004, 0.00016], t: 1 }, { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
    },
  ],
  tests: [
    {
      name: "returns w and a state with m, v and t",
      call: "adamStep",
      args: [[0.2, -0.4, 0.6], [0.1, 0.2, -0.3], { m: zeros3, v: zeros3, t: 0 }, H],
      compare: close(),
      misconception: "wrong-field-names",
      hint: "return { w, state: { m, v, t } }: the state is nested, with exactly these field names",
    },
    {
      name: "the first step from t = 0",
      call: "adamStep",
      args: [[0.3, -0.7, 1.1, 0.05], [0.5, -0.4, 0.25, 1.5], { m: [0, 0, 0, 0], v: [0, 0, 0, 0], t: 0 }, H],
      compare: close(),
      misconception: "t-not-incremented-first",
      hint: incrementHint,
    },
    {
      name: "a later step uses t + 1",
      call: "adamStep",
      args: [[0.5, -0.5, 1], [0.3, -0.6, 0.2], { m: [0.1, -0.05, 0.02], v: [0.002, 0.001, 0.0005], t: 4 }, H],
      compare: close(),
      misconception: "t-not-incremented-first",
      hint: incrementHint,
    },
    {
      name: "the returned step count",
      call: "adamStep",
      args: [[1, 2], [0.5, 0.5], { m: [0.05, 0.05], v: [0.0003, 0.0003], t: 7 }, H],
      compare: close(),
      misconception: "t-not-incremented",
      hint: "return t + 1 in the new state: the caller passes it back at the next step",
    },
    {
      name: "bias correction at the first step",
      call: "adamStep",
      args: [[1, -1, 0.5], [0.2, -0.3, 1], { m: zeros3, v: zeros3, t: 0 }, { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
      misconception: "no-bias-correction",
      hint: biasHint,
    },
    {
      name: "bias correction at an early step",
      call: "adamStep",
      args: [[0.4, 0.8, -0.2], [0.5, -0.25, 0.75], { m: [0.03, -0.02, 0.06], v: [0.0002, 0.0001, 0.0004], t: 2 }, { lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
      misconception: "no-bias-correction",
      hint: biasHint,
    },
    {
      name: "negative gradients",
      call: "adamStep",
      args: [[1, 2, -3], [-0.5, -2, -0.3], { m: [-0.1, -0.2, 0], v: [0.01, 0.04, 0.001], t: 3 }, H],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "the second moment is of squared gradients",
      call: "adamStep",
      args: [[0, 0, 0], [0.3, 3, 0.5], { m: [0.1, 0.1, 0.1], v: [0.05, 0.05, 0.05], t: 5 }, { lr: 0.05, beta1: 0.9, beta2: 0.99, epsilon: 1e-7 }],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "beta1 and beta2 have different roles",
      call: "adamStep",
      args: [[0.5, -0.5, 1], [0.4, -0.8, 0.2], { m: [0.1, -0.1, 0.05], v: [0.02, 0.05, 0.01], t: 3 }, { lr: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 }],
      compare: close(),
      misconception: "betas-swapped",
      hint: "beta1 is the decay of the first moment m (the mean of g), beta2 that of the second moment v (the mean of g²)",
    },
    {
      name: "beta1 0 takes the raw gradient as first moment",
      call: "adamStep",
      args: [[1, 1], [0.6, -0.3], { m: [0.5, 0.5], v: [0.1, 0.1], t: 2 }, { lr: 0.01, beta1: 0, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
      misconception: "betas-swapped",
      hint: "beta1 is the decay of the first moment m (the mean of g), beta2 that of the second moment v (the mean of g²)",
    },
    {
      name: "stores the raw moments, not the corrected ones",
      call: "adamStep",
      args: [[0.5, 1.5], [0.4, -0.2], { m: [0.02, 0.01], v: [0.0001, 0.00005], t: 1 }, H],
      compare: close(),
      misconception: "returns-corrected-moments",
      hint: "the state keeps m′ and v′; the bias-corrected m̂ and v̂ are only used for this step",
    },
    {
      name: "the step uses the new moments",
      call: "adamStep",
      args: [[1, -1, 0.5], [1, 0.5, -1], { m: [-0.05, 0.1, 0.02], v: [0.001, 0.002, 0.0001], t: 2 }, H],
      compare: close(),
      misconception: "old-moments",
      hint: "update m and v with this gradient first, then correct them and take the step",
    },
    {
      name: "zero gradients at t = 0",
      call: "adamStep",
      args: [[1, -2, 0.5], [0, 0, 0], { m: zeros3, v: zeros3, t: 0 }, H],
      compare: close(),
      misconception: "no-epsilon",
      hint: "keep ε in the denominator: with a zero gradient at the first step, 0/0 is NaN",
    },
    {
      name: "zero gradients still move by momentum",
      call: "adamStep",
      args: [[1, -2, 0.5], [0, 0, 0], { m: [0.1, -0.2, 0.05], v: [0.01, 0.04, 0.0025], t: 10 }, H],
      compare: close(),
      misconception: "old-moments",
      hint: "update m and v with this gradient first, then correct them and take the step",
    },
    {
      name: "learning rate 0",
      call: "adamStep",
      args: [[1, -2, 3], [0.7, -0.2, 0.4], { m: [0.1, 0, -0.1], v: [0.01, 0.01, 0.01], t: 6 }, { lr: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
      misconception: "returns-old-state",
      hint: "with lr = 0 the weights stay put, but m, v and t are still updated",
    },
    {
      name: "a long run, t = 1000",
      call: "adamStep",
      args: [[0.25, -0.75, 0.5], [0.2, -0.1, 0.05], { m: [0.05, -0.03, 0.01], v: [0.004, 0.002, 0.001], t: 1000 }, H],
      compare: close(),
    },
    {
      name: "epsilon comes from the hyperparameters",
      call: "adamStep",
      args: [[1, -1, 0.5], [0.05, -0.04, 0.06], { m: [0.05, -0.05, 0.04], v: [0.0025, 0.0025, 0.0016], t: 10000 }, { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0.001 }],
      compare: close(),
      misconception: "epsilon-ignored",
      hint: "use hp.epsilon, added to √v̂ in the denominator",
    },
    {
      name: "a single weight",
      call: "adamStep",
      args: [[3], [-0.8], { m: [-0.2], v: [0.05], t: 2 }, { lr: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
      compare: close(),
      misconception: "g-instead-of-g-squared",
      hint: squareHint,
    },
    {
      name: "a long vector",
      call: "adamStep",
      args: [wave(1000, 1, 2), awayFromZero(wave(1000, 2, 1)), { m: wave(1000, 3, 0.1), v: wave(1000, 4, 0.1).map((x) => x * x + 0.001), t: 12 }, H],
      compare: close(),
    },
    {
      name: "does not modify its arguments",
      call: "adamStep",
      args: [[0.4, -0.6, 0.8], [0.3, 0.3, -0.3], { m: [0.01, 0.02, -0.01], v: [0.001, 0.002, 0.001], t: 3 }, H],
      compare: close(),
      misconception: "mutates-input",
      hint: "build new arrays and a new state object; do not increment state.t or write into state.m, state.v or w",
    },
    {
      name: "same result when called twice",
      call: "adamStep",
      args: [[0.7, -0.1], [0.2, -0.9], { m: [0.02, -0.09], v: [0.00004, 0.00081], t: 1 }, H],
      compare: close(),
      repeat: 3,
      misconception: "state-in-module",
      hint: "keep no state in module-level variables: m, v and t arrive in the state argument",
    },
    ...trajectories,
  ],
});
