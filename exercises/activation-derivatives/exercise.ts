import * as tf from "@tensorflow/tfjs";
import { check, close, type CheckFn } from "../../lib/grading/compare";
import { closeToReference } from "../../lib/grading/checks";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { drawnOver } from "../../lib/exercises/authoring/drawn";

type Test = CodeExerciseInput["tests"][number];
type Fn = "sigmoidGrad" | "tanhGrad" | "reluGrad" | "leakyReluGrad";

/**
 * Independent reference: tfjs' automatic differentiation on the host, `tf.grad` of the host's own
 * activation (float32; inputs are chosen so that float32 alone never moves a value past the
 * tolerance). tfjs uses relu'(0) = 0 and leakyRelu'(0) = alpha, as Keras does. The reference solution
 * is graded on the same tests.
 */
function tfReference(fn: Fn): CheckFn {
  return (actual, { args }) => {
    const x = args[0] as number[];
    const alpha = args[1] as number;
    const f = (t: tf.Tensor): tf.Tensor =>
      fn === "sigmoidGrad" ? tf.sigmoid(t) : fn === "tanhGrad" ? tf.tanh(t) : fn === "reluGrad" ? tf.relu(t) : tf.leakyRelu(t, alpha);
    const want = tf.tidy(() => tf.grad(f)(tf.tensor1d(x, "float32")).dataSync().slice() as Float32Array);
    return closeToReference(Array.from(want), actual);
  };
}

const overflowSigmoid = "compute σ(x) without overflow first (e^x / (1 + e^x) for x < 0), then σ(x)·(1 − σ(x))";
const overflowTanh = "e^1000 is Infinity and Infinity/Infinity is NaN: use Math.tanh, then 1 − tanh²(x)";
const sigmaHint = "σ'(x) = σ(x)·(1 − σ(x)) needs σ(x) first: x·(1 − x) is the formula applied to the wrong value";
const tanhHint = "tanh'(x) = 1 − tanh(x)²: square tanh(x), not x";
const alphaHint = "use the alpha passed as the second argument, not a default slope";
const zeroRelu = "relu is not differentiable at 0; like Keras and tfjs, use 0 there (the derivative is 1 only for x > 0)";
const zeroLeaky = "at x = 0 the slope is alpha, like Keras and tfjs (the derivative is 1 only for x > 0)";
const notFunction = "return the slope (the derivative), not the activation's value";

function t(name: string, call: Fn, args: unknown[], extra: Partial<Test> = {}): Test {
  return { name, call, args, compare: check(tfReference(call)), ...extra };
}

/** A visible example over a range of inputs, so the page can draw the student's curve over the expected one. */
const CURVE_X = Array.from({ length: 25 }, (_, i) => -6 + i * 0.5);

export default defineExercise({
  id: "activation-derivatives",
  title: "Derivatives of activation functions",
  topic: "Activation functions",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["sigmoidGrad", "tanhGrad", "reluGrad", "leakyReluGrad"],
  examples: [
    drawnOver("example: sigmoidGrad over [-6, 6] (drawn)", "sigmoidGrad", [CURVE_X], { over: 0, x: "x", y: "σ′(x)" }),
    drawnOver("example: tanhGrad over [-6, 6] (drawn)", "tanhGrad", [CURVE_X], { over: 0, x: "x", y: "tanh′(x)" }),
    { name: "example: sigmoidGrad([0, 2])", call: "sigmoidGrad", args: [[0, 2]], compare: close() },
    { name: "example: reluGrad([-1, 2])", call: "reluGrad", args: [[-1, 2]], compare: close() },
    { name: "example: leakyReluGrad([-1, 2], 0.1)", call: "leakyReluGrad", args: [[-1, 2], 0.1], compare: close() },
  ],
  tests: [
    // sigmoid'
    t("sigmoidGrad of moderate values", "sigmoidGrad", [[-4, -1, -0.5, 0.5, 1, 4]], { misconception: "uses-x-not-sigma", hint: sigmaHint }),
    t("sigmoidGrad at 0 is its maximum", "sigmoidGrad", [[0]], { misconception: "uses-x-not-sigma", hint: sigmaHint }),
    t("sigmoidGrad of large negative values", "sigmoidGrad", [[-30, -400, -710, -1000]], { misconception: "overflow", hint: overflowSigmoid }),
    t("sigmoidGrad of large positive values", "sigmoidGrad", [[30, 400, 710, 1000]], { misconception: "overflow", hint: overflowSigmoid }),
    t("sigmoidGrad of an empty array", "sigmoidGrad", [[]], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    // tanh'
    t("tanhGrad of moderate values", "tanhGrad", [[-2, -0.5, 0, 0.5, 2]], { misconception: "uses-x-not-tanh", hint: tanhHint }),
    t("tanhGrad of values below 1", "tanhGrad", [[-0.9, -0.1, 0.3, 0.75]], { misconception: "uses-x-not-tanh", hint: tanhHint }),
    t("tanhGrad of large values", "tanhGrad", [[-1000, -711, -400, 400, 711, 1000]], { misconception: "overflow", hint: overflowTanh }),
    t("tanhGrad of an empty array", "tanhGrad", [[]], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    // relu'
    t("reluGrad of mixed values", "reluGrad", [[-3, -0.5, 0.5, 3, 250]], { misconception: "returns-activation", hint: notFunction }),
    t("reluGrad at exactly 0", "reluGrad", [[0]], { misconception: "relu-grad-at-zero", hint: zeroRelu }),
    t("reluGrad at −0", "reluGrad", [[-0, 1]], { misconception: "relu-grad-at-zero", hint: zeroRelu }),
    t("reluGrad of small values around 0", "reluGrad", [[-0.001, 0, 0.001]], { misconception: "relu-grad-at-zero", hint: zeroRelu }),
    t("reluGrad of large values", "reluGrad", [[-1000, 1000]]),
    t("reluGrad of an empty array", "reluGrad", [[]], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    // leakyRelu'
    t("leakyReluGrad with alpha 0.1", "leakyReluGrad", [[-3, -0.5, 0.5, 3], 0.1], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyReluGrad with alpha 0.3", "leakyReluGrad", [[-2, 2], 0.3], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyReluGrad with alpha 0.2", "leakyReluGrad", [[-2, 2], 0.2], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyReluGrad with alpha 0.01", "leakyReluGrad", [[-2, 2], 0.01], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyReluGrad at exactly 0", "leakyReluGrad", [[0], 0.1], { misconception: "leaky-grad-at-zero", hint: zeroLeaky }),
    t("leakyReluGrad at 0 and −0", "leakyReluGrad", [[0, -0, 1], 0.25], { misconception: "leaky-grad-at-zero", hint: zeroLeaky }),
    t("leakyReluGrad is not the activation", "leakyReluGrad", [[-4, -1, 2, 5], 0.05], { misconception: "returns-activation", hint: notFunction }),
    t("leakyReluGrad with alpha 0 is reluGrad", "leakyReluGrad", [[-1, 0, 1], 0], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyReluGrad with a slope above 1", "leakyReluGrad", [[-2, 2], 1.5], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyReluGrad of large values", "leakyReluGrad", [[-1000, 1000], 0.05]),
    t("leakyReluGrad of an empty array", "leakyReluGrad", [[], 0.1], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    t("leakyReluGrad called twice", "leakyReluGrad", [[-2, 0, 2], 0.2], { repeat: 2, misconception: "hidden-state", hint: "return a new array on every call; keep nothing between calls" }),
  ],
});
