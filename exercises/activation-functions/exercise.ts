import * as tf from "@tensorflow/tfjs";
import { check, close, type CheckFn } from "../../lib/grading/compare";
import { closeToReference } from "../../lib/grading/checks";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";
import { drawnOver } from "../../lib/exercises/authoring/drawn";

type Test = CodeExerciseInput["tests"][number];
type Fn = "sigmoid" | "tanh" | "relu" | "leakyRelu";

/**
 * Independent reference: the host's own tfjs activation (float32; inputs are chosen so that float32
 * alone never moves a value past the tolerance). The reference solution is graded on the same tests.
 */
function tfReference(fn: Fn): CheckFn {
  return (actual, { args }) => {
    const x = args[0] as number[];
    const alpha = args[1] as number;
    const want = tf.tidy(() => {
      const t = tf.tensor1d(x, "float32");
      const y = fn === "sigmoid" ? tf.sigmoid(t) : fn === "tanh" ? tf.tanh(t) : fn === "relu" ? tf.relu(t) : tf.leakyRelu(t, alpha);
      return y.dataSync().slice() as Float32Array;
    });
    return closeToReference(Array.from(want), actual);
  };
}

const overflowSigmoid = "for x < 0 write σ(x) = e^x / (1 + e^x), for x ≥ 0 σ(x) = 1 / (1 + e^(−x)): exp then never overflows to Infinity";
const overflowTanh = "e^1000 is Infinity and Infinity/Infinity is NaN: use Math.tanh, or a formula with e^(−2|x|) only";
const alphaHint = "use the alpha passed as the second argument, not a default slope";

function t(name: string, call: Fn, args: unknown[], extra: Partial<Test> = {}): Test {
  return { name, call, args, compare: check(tfReference(call)), ...extra };
}

/** A visible example over a range of inputs, so the page can draw the student's curve over the expected one. */
const CURVE_X = Array.from({ length: 25 }, (_, i) => -6 + i * 0.5);

export default defineExercise({
  id: "activation-functions",
  title: "Activation functions",
  topic: "Activation functions",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["sigmoid", "tanh", "relu", "leakyRelu"],
  examples: [
    drawnOver("example: sigmoid over [-6, 6] (drawn)", "sigmoid", [CURVE_X], { over: 0, x: "x", y: "σ(x)" }),
    drawnOver("example: tanh over [-6, 6] (drawn)", "tanh", [CURVE_X], { over: 0, x: "x", y: "tanh(x)" }),
    { name: "example: sigmoid([-1, 0, 1])", call: "sigmoid", args: [[-1, 0, 1]], compare: close() },
    { name: "example: relu([-2, 0, 3])", call: "relu", args: [[-2, 0, 3]], compare: close() },
    { name: "example: leakyRelu([-2, 0, 3], 0.1)", call: "leakyRelu", args: [[-2, 0, 3], 0.1], compare: close() },
  ],
  tests: [
    // sigmoid
    t("sigmoid of moderate values", "sigmoid", [[-5, -2.5, -0.5, 0, 0.5, 2.5, 5]], { misconception: "wrong-formula", hint: "σ(x) = 1 / (1 + e^(−x)); σ(0) = 0.5" }),
    t("sigmoid of large positive values", "sigmoid", [[20, 100, 709, 710, 1000]], { misconception: "overflow", hint: overflowSigmoid }),
    t("sigmoid of large negative values", "sigmoid", [[-20, -100, -709, -710, -1000]], { misconception: "overflow", hint: overflowSigmoid }),
    t("sigmoid of one value", "sigmoid", [[0.75]]),
    t("sigmoid of an empty array", "sigmoid", [[]], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    // tanh
    t("tanh of moderate values", "tanh", [[-3, -1, -0.25, 0, 0.25, 1, 3]], { misconception: "wrong-formula", hint: "tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)); tanh(0) = 0, and tanh is odd" }),
    t("tanh of large positive values", "tanh", [[20, 400, 711, 1000]], { misconception: "overflow", hint: overflowTanh }),
    t("tanh of large negative values", "tanh", [[-20, -400, -711, -1000]], { misconception: "overflow", hint: overflowTanh }),
    t("tanh of small values", "tanh", [[-0.001, 0.002, 0.01]]),
    t("tanh of an empty array", "tanh", [[]], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    // relu
    t("relu of mixed values", "relu", [[-3, -0.5, 0.5, 3, 12.25]], { misconception: "wrong-formula", hint: "relu(x) = max(0, x): negative inputs give 0, positive inputs pass unchanged" }),
    t("relu at exactly 0 and −0", "relu", [[0, -0, 0]]),
    t("relu of negative values only", "relu", [[-1, -2.5, -1000]], { misconception: "wrong-formula", hint: "relu(x) = max(0, x): negative inputs give 0, not |x|" }),
    t("relu of large values", "relu", [[1000, -1000, 999.5]]),
    t("relu of an empty array", "relu", [[]], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    t("relu called twice", "relu", [[-1, 2, -3, 4]], { repeat: 2, misconception: "hidden-state", hint: "return a new array on every call; keep nothing between calls" }),
    // leakyRelu
    t("leakyRelu with alpha 0.1", "leakyRelu", [[-10, -1, -0.5, 0, 1, 10], 0.1], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyRelu with alpha 0.3", "leakyRelu", [[-4, -0.25, 2], 0.3], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyRelu with alpha 0.2", "leakyRelu", [[-4, -0.25, 2], 0.2], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyRelu with alpha 0.01", "leakyRelu", [[-50, -3, 7], 0.01], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyRelu with alpha 0 is relu", "leakyRelu", [[-3, -0.5, 0.5, 3], 0], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyRelu with alpha 1 is the identity", "leakyRelu", [[-3, -0.5, 0.5, 3], 1], { misconception: "default-alpha", hint: alphaHint }),
    t("leakyRelu with a slope above 1", "leakyRelu", [[-2, -0.5, 0.5, 2], 1.5], { misconception: "max-trick", hint: "max(x, αx) equals leaky ReLU only when α ≤ 1: test the sign of x instead" }),
    t("leakyRelu keeps positive values", "leakyRelu", [[0.5, 3, 100], 0.05], { misconception: "alpha-on-positive-side", hint: "alpha scales the negative inputs only" }),
    t("leakyRelu at exactly 0 and −0", "leakyRelu", [[0, -0], 0.1]),
    t("leakyRelu of large values", "leakyRelu", [[-1000, 1000, -999.5], 0.05]),
    t("leakyRelu of an empty array", "leakyRelu", [[], 0.1], { misconception: "empty-input", hint: "an empty array gives an empty array" }),
    t("leakyRelu called twice", "leakyRelu", [[-2, 2], 0.25], { repeat: 2, misconception: "hidden-state", hint: "return a new array on every call; keep nothing between calls" }),
  ],
});
