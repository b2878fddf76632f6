import * as tf from "@tensorflow/tfjs";
import { check, exact, type CheckFn } from "../../lib/grading/compare";
import { defineExercise, type CodeExerciseInput } from "../../lib/exercises/schema";

type Test = CodeExerciseInput["tests"][number];

const tfCounts = new Map<string, number>();

/**
 * Independent reference: the host's own tfjs builds the Dense stack and counts its parameters with
 * `model.countParams()` (memoised per architecture; zero initialisers keep it fast).
 */
function tfjsCount(inputDim: number, units: number[]): number {
  const key = `${inputDim}:${units.join(",")}`;
  const known = tfCounts.get(key);
  if (known !== undefined) return known;
  const model = tf.sequential();
  units.forEach((width, i) =>
    model.add(tf.layers.dense({ units: width, kernelInitializer: "zeros", biasInitializer: "zeros", ...(i === 0 ? { inputShape: [inputDim] } : {}) })),
  );
  const count = model.countParams();
  model.dispose();
  tfCounts.set(key, count);
  return count;
}

/**
 * The student's count must equal tfjs' exactly: a number, or a scalar tensor (counts stay below 2^24, so
 * a float32 tensor holds them exactly). Self-contained on purpose: this file is imported in its own
 * module scope, so `instanceof` on the grader's value classes is not reliable here; only the grader
 * creates TensorEnvelope objects (a student's look-alike arrives as a RecordValue).
 */
const matchesCountParams: CheckFn = (actual, { args }) => {
  const [inputDim, units] = args as [number, number[]];
  let got: unknown = actual;
  if (typeof actual === "object" && actual !== null && Object.getPrototypeOf(actual)?.constructor?.name === "TensorEnvelope") {
    const t = actual as unknown as { shape: unknown[]; values: ArrayLike<number> };
    if (t.shape.length !== 0) return "expected a number or a scalar tensor, got a tensor with dimensions";
    got = t.values[0];
  }
  if (typeof got !== "number") return "expected a number";
  return got === tfjsCount(inputDim, units) ? true : "wrong count";
};

const biasHint = "every Dense layer has one bias per unit, on top of its inputs × units kernel";
const widthHint = "a layer's kernel is (its input width) × (its own units) and its bias has its own units; the next layer's input width is this layer's units";
const inputHint = "the first layer's input width is inputDim";

function t(name: string, inputDim: number, units: number[], extra: Partial<Test> = {}): Test {
  return { name, call: "countDenseParams", args: [inputDim, units], compare: check(matchesCountParams), ...extra };
}

export default defineExercise({
  id: "count-parameters",
  title: "Counting the parameters of a Dense network",
  topic: "Topology",
  kind: "code",
  points: 10,
  difficulty: "easy",
  exports: ["countDenseParams"],
  examples: [
    { name: "example: countDenseParams(4, [3])", call: "countDenseParams", args: [4, [3]], compare: exact() },
    { name: "example: countDenseParams(784, [128, 10])", call: "countDenseParams", args: [784, [128, 10]], compare: exact() },
  ],
  tests: [
    t("a single layer", 3, [2], { misconception: "forgets-biases", hint: biasHint }),
    t("a single unit", 5, [1], { misconception: "single-layer", hint: "one layer is a whole network: its kernel plus its bias" }),
    t("one input and one unit", 1, [1], { misconception: "forgets-biases", hint: biasHint }),
    t("width 1 everywhere", 1, [1, 1, 1], { misconception: "forgets-biases", hint: biasHint }),
    t("two layers of different widths", 10, [20, 3], { misconception: "next-layer-width", hint: widthHint }),
    t("a narrowing stack", 64, [32, 16, 8, 4], { misconception: "next-layer-width", hint: widthHint }),
    t("a widening stack", 2, [8, 32, 128], { misconception: "next-layer-width", hint: widthHint }),
    t("a bottleneck", 100, [10, 1, 10, 100], { misconception: "next-layer-width", hint: widthHint }),
    t("an input much wider than the layers", 500, [3, 2], { misconception: "ignores-input-dim", hint: inputHint }),
    t("input dimension 1", 1, [16, 16, 1], { misconception: "ignores-input-dim", hint: inputHint }),
    t("a deep narrow stack", 3, [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], { misconception: "skips-a-layer", hint: "count every layer in units, the first and the last included" }),
    t("a single wide layer", 300, [7], { misconception: "single-layer", hint: "one layer is a whole network: its kernel plus its bias" }),
    t("an MNIST-sized network", 784, [512, 256, 10], { misconception: "forgets-biases", hint: biasHint }),
    t("a large network", 3072, [512, 512, 100], { misconception: "forgets-biases", hint: biasHint }),
    t("a binary classifier", 30, [16, 8, 1], { misconception: "next-layer-width", hint: widthHint }),
    t("same result when called twice", 12, [6, 3], { repeat: 2, misconception: "hidden-state", hint: "do not change units (no unshift or push on it) and keep nothing between calls" }),
  ],
});
