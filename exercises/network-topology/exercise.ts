import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params, Rng } from "../../lib/exercises/quiz";

const num = (p: Params, name: string): number => Number(p[name]);
const widths = (p: Params, name: string): number[] => String(p[name]).split(", ").map(Number);

/** Trainable parameters of a stack of Dense layers: each has inputs × units weights and units biases. */
function denseParams(inputs: number, units: number[]): number {
  let total = 0;
  let width = inputs;
  for (const u of units) {
    total += width * u + u;
    width = u;
  }
  return total;
}

/** The sum written out in TeX, layer by layer ("784 \\cdot 128 + 128 + 128 \\cdot 10 + 10"), for explanations. */
function terms(inputs: number, units: number[]): string {
  return units.map((u, i) => `${i === 0 ? inputs : units[i - 1]} \\cdot ${u} + ${u}`).join(" + ");
}

const INPUTS = [4, 8, 13, 20, 30, 64, 100, 784] as const;
const WIDTHS = [8, 16, 24, 32, 50, 64, 100, 128, 256] as const;

function countParams(rng: Rng): Params {
  const inputs = rng.pick(INPUTS);
  const hidden = Array.from({ length: rng.int(1, 3) }, () => rng.pick(WIDTHS));
  const classes = rng.int(2, 10);
  return { inputs, hidden: hidden.join(", "), classes, sum: terms(inputs, [...hidden, classes]) };
}

function extraLayerParams(rng: Rng): Params {
  const [h1, h2] = [rng.pick(WIDTHS), rng.pick(WIDTHS)];
  const classes = rng.int(2, 10);
  // k ≥ 16 > classes keeps the change positive: k·(h2 + 1 + classes) > h2·classes.
  return { inputs: rng.pick(INPUTS), h1, h2, classes, k: rng.pick([16, 32, 48, 64, 128]) };
}

/** Parameters inserting a Dense(k) between the last hidden layer (h2 units) and the output layer add. */
const extraLayerGrowth = (h2: number, k: number, classes: number): number => h2 * k + k + (k * classes + classes) - (h2 * classes + classes);

/**
 * Two topologies and a budget. In half the variants the budget lies between the two counts and above the
 * larger count without its biases (forgetting the biases says "both"); in a quarter it lies below both
 * counts but above the smaller one without biases (forgetting them says the smaller fits); in a quarter
 * both fit.
 */
function budgetParams(rng: Rng): Params {
  const inputs = rng.pick([20, 50, 100, 300, 784]);
  const classes = rng.int(2, 10);
  for (;;) {
    const a = rng.pick([32, 64, 100, 128, 200]);
    const b = rng.pick([16, 24, 32, 48, 64]);
    const countA = denseParams(inputs, [a, classes]);
    const countB = denseParams(inputs, [b, b, classes]);
    if (countA === countB) continue;
    const [lo, hi] = [Math.min(countA, countB), Math.max(countA, countB)];
    const biases = (count: number) => (count === countA ? a + classes : 2 * b + classes);
    const mode = rng.int(1, 4);
    const [from, to] = mode <= 2 ? [Math.max(lo, hi - biases(hi)), hi - 1] : mode === 3 ? [lo - biases(lo), lo - 1] : [hi, Math.ceil((hi * 1.2) / 1000) * 1000];
    if (from > to) continue;
    // A round number when the range has one, so the budget reads like a real constraint.
    const round = [1000, 100, 10, 1].map((step) => Math.ceil(from / step) * step).find((value) => value <= to) ?? from;
    return { inputs, classes, a, b, budget: round };
  }
}

function budgetAnswer(p: Params): string {
  const [inputs, classes, budget] = [num(p, "inputs"), num(p, "classes"), num(p, "budget")];
  const fitsA = denseParams(inputs, [num(p, "a"), classes]) <= budget;
  const fitsB = denseParams(inputs, [num(p, "b"), num(p, "b"), classes]) <= budget;
  return fitsA && fitsB ? "both" : fitsA ? "only-a" : fitsB ? "only-b" : "neither";
}

/** One hidden layer of 2k units against two of k: the difference is k·(inputs + classes − k). */
function widerOrDeeperParams(rng: Rng): Params {
  const k = rng.pick([16, 32, 64, 128, 256]);
  const classes = rng.int(2, 10);
  // Now and then exactly inputs = k − classes, where both have the same count.
  const inputs = rng.int(1, 6) === 1 ? k - classes : rng.pick([4, 10, 20, 30, 60, 100, 300, 784]);
  return { inputs, classes, k, k2: 2 * k };
}

function widerOrDeeperAnswer(p: Params): string {
  const [inputs, classes, k] = [num(p, "inputs"), num(p, "classes"), num(p, "k")];
  const wide = denseParams(inputs, [2 * k, classes]);
  const deep = denseParams(inputs, [k, k, classes]);
  return wide > deep ? "wide" : deep > wide ? "deep" : "same";
}

export default defineQuizExercise({
  id: "network-topology",
  title: "Network topology: layers, units and parameters",
  topic: "Topology",
  kind: "quiz",
  points: 11,
  difficulty: "medium",
  questions: [
    {
      id: "count",
      kind: "numeric",
      points: 2,
      prompt:
        "A `tf.sequential()` model takes **{{inputs}}** input features, has Dense hidden layers of **{{hidden}}** units (in that order, ReLU) " +
        "and a Dense softmax output layer for **{{classes}}** classes. How many trainable parameters does it have?",
      params: countParams,
      answer: (p) => denseParams(num(p, "inputs"), [...widths(p, "hidden"), num(p, "classes")]),
      unit: "parameters",
      explanation:
        "Each Dense layer has a kernel of (its inputs) × (its units) weights and one bias per unit, and each layer's inputs are the previous layer's units. " +
        "Layer by layer: ${{sum}}$. The output layer counts too, and the input is not a layer: it has no parameters.",
    },
    {
      id: "extra-layer",
      kind: "numeric",
      points: 2,
      prompt:
        "The model `Dense({{h1}}) → Dense({{h2}}) → Dense({{classes}}, softmax)` takes {{inputs}} input features. You insert one more hidden layer, " +
        "`Dense({{k}})`, between the {{h2}}-unit layer and the output layer. By how many parameters does the model grow?",
      params: extraLayerParams,
      answer: (p) => extraLayerGrowth(num(p, "h2"), num(p, "k"), num(p, "classes")),
      unit: "parameters",
      explanation:
        "The new layer has ${{h2}} \\cdot {{k}} + {{k}}$ parameters, but it also changes the output layer: its inputs are now {{k}} units instead of {{h2}}, " +
        "so its kernel goes from ${{h2}} \\cdot {{classes}}$ to ${{k}} \\cdot {{classes}}$ weights (its {{classes}} biases stay). " +
        "The growth is $({{h2}} \\cdot {{k}} + {{k}}) + ({{k}} \\cdot {{classes}} - {{h2}} \\cdot {{classes}})$. The first layer, and the {{inputs}} inputs, are unchanged.",
    },
    {
      id: "budget",
      kind: "single",
      points: 2,
      prompt:
        "A classifier for {{classes}} classes on {{inputs}} input features may have at most **{{budget}}** parameters. " +
        "Network A has one hidden Dense layer of {{a}} units; network B has two hidden Dense layers of {{b}} units each. Both end in a Dense softmax layer. " +
        "Which of them fit the budget?",
      params: budgetParams,
      choices: [
        { id: "only-a", text: "Only network A" },
        { id: "only-b", text: "Only network B" },
        { id: "both", text: "Both" },
        { id: "neither", text: "Neither" },
      ],
      answer: budgetAnswer,
      explanation:
        "Count both, biases included: A has ${{inputs}} \\cdot {{a}} + {{a}} + {{a}} \\cdot {{classes}} + {{classes}}$ parameters and " +
        "B has ${{inputs}} \\cdot {{b}} + {{b}} + {{b}} \\cdot {{b}} + {{b}} + {{b}} \\cdot {{classes}} + {{classes}}$; compare each with {{budget}}. " +
        "The biases are few next to the kernels, but near a budget they decide.",
    },
    {
      id: "wider-or-deeper",
      kind: "single",
      points: 2,
      prompt:
        "On {{inputs}} input features and {{classes}} classes, which has more parameters: one hidden Dense layer of {{k2}} units, or two hidden Dense layers of {{k}} units each " +
        "(both followed by a Dense output layer of {{classes}} units)?",
      params: widerOrDeeperParams,
      choices: [
        { id: "wide", text: "One hidden layer of {{k2}} units" },
        { id: "deep", text: "Two hidden layers of {{k}} units" },
        { id: "same", text: "Both have the same number" },
      ],
      answer: widerOrDeeperAnswer,
      explanation:
        "One layer of $2k$: $n \\cdot 2k + 2k + 2k \\cdot c + c$. Two layers of $k$: $n k + k + k^2 + k + k c + c$. " +
        "The difference, wide minus deep, is $k\\,(n + c - k) = {{k}} \\cdot ({{inputs}} + {{classes}} - {{k}})$. " +
        "Doubling the width doubles the first kernel, which is large when the input is wide; the second layer of the deep network costs $k^2$, which is large when $k$ is.",
    },
    {
      id: "depth-width",
      kind: "multiple",
      points: 2,
      prompt: "Which statements about the depth and the width of a network are true? (Select all that apply.)",
      choices: [
        { id: "a", text: "More layers let later layers build features out of the features earlier layers computed: depth composes features.", correct: true },
        { id: "b", text: "More units in a layer widen one representation: more features computed side by side from the same inputs.", correct: true },
        { id: "c", text: "Without nonlinear activations, stacking Dense layers adds nothing: the whole stack is one linear map.", correct: true },
        { id: "d", text: "For the same number of parameters, a deeper network always generalizes better than a wider one." },
        { id: "e", text: "Only the total number of parameters matters: how they are split into layers and units makes no difference." },
        { id: "f", text: "A hidden layer needs at least as many units as the input has features." },
      ],
      shuffle: true,
      explanation:
        "Depth composes: each layer transforms the previous layer's features, so deep networks can build complex features from simple ones with few units each. " +
        "Width widens one representation. Neither wins always: how parameters are arranged matters, but which arrangement is best depends on the problem, " +
        "and a linear stack collapses to one layer. Narrow layers (bottlenecks) below the input width are common.",
    },
    {
      id: "no-best",
      kind: "single",
      points: 1,
      prompt: "You start on a new problem. How do you choose the number of layers and the number of units per layer?",
      choices: [
        {
          id: "a",
          text: "Train several candidate topologies and keep the one that scores best on validation data: no topology is best for every problem.",
          correct: true,
        },
        { id: "b", text: "Take the largest network the machine can train: more parameters always give better predictions." },
        { id: "c", text: "Use one hidden layer with as many units as there are input features; that topology is optimal." },
        { id: "d", text: "Keep the candidate with the lowest training loss." },
        { id: "e", text: "Compare the candidates on the test set and keep the best one." },
      ],
      shuffle: true,
      explanation:
        "There is no formula for the best topology: it is found by experiment, training candidates and comparing them on **validation** data. " +
        "The training loss rewards the network that memorises best (the largest one overfits), and the test set must stay untouched until the end, " +
        "or its score no longer estimates performance on new data.",
    },
  ],
});
