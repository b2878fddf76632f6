import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params, Rng } from "../../lib/exercises/quiz";

const num = (p: Params, name: string): number => Number(p[name]);

/** Keras' EarlyStopping (mode min, minDelta 0): the 0-indexed epoch where training stops, or -1. */
function stopEpoch(losses: number[], patience: number): number {
  let best = Number.POSITIVE_INFINITY;
  let wait = 0;
  for (const [epoch, loss] of losses.entries()) {
    if (loss < best) {
      best = loss;
      wait = 0;
    } else {
      wait += 1;
      if (wait >= patience) return epoch;
    }
  }
  return -1;
}

const parseLosses = (text: string): number[] => text.split(",").map((s) => Number(s.trim()));

/**
 * Validation losses in hundredths: a falling phase, sometimes a plateau shorter than the patience followed
 * by a new best, then a rise with a dip that is lower than the epoch before it but not a new best (the
 * trap for "wait resets whenever the loss goes down"). Training always stops inside the list.
 */
function drawLosses(rng: Rng, patience: number): string {
  const cents: number[] = [rng.int(90, 130)];
  const falling = rng.int(3, 7);
  for (let i = 0; i < falling; i++) cents.push((cents.at(-1) ?? 0) - rng.int(3, 10));
  let best = cents.at(-1) ?? 0;
  if (rng.int(0, 1) === 1) {
    const plateau = rng.int(1, patience - 1);
    for (let i = 0; i < plateau; i++) cents.push(best + rng.int(1, 6));
    best -= rng.int(1, 3);
    cents.push(best);
  }
  cents.push(best + rng.int(3, 8), best + rng.int(1, 2));
  let level = best + 2;
  for (let i = 0; i < patience + 1; i++) {
    level += rng.int(1, 4);
    cents.push(level);
  }
  return cents.map((c) => (c / 100).toFixed(2)).join(", ");
}

/** A run of 31 epochs without early stopping; the validation loss is lowest at epoch 13. */
const TRAIN = [1.2, 1.03, 0.885, 0.762, 0.656, 0.567, 0.49, 0.425, 0.37, 0.322, 0.282, 0.248, 0.219, 0.194, 0.172, 0.154, 0.139, 0.126, 0.115, 0.105, 0.097, 0.09, 0.084, 0.079, 0.075, 0.071, 0.068, 0.065, 0.063, 0.061, 0.059];
const VALIDATION = [1.33, 1.14, 0.984, 0.856, 0.752, 0.666, 0.596, 0.539, 0.493, 0.459, 0.435, 0.419, 0.41, 0.408, 0.412, 0.422, 0.436, 0.455, 0.478, 0.505, 0.536, 0.57, 0.608, 0.649, 0.693, 0.741, 0.791, 0.845, 0.901, 0.961, 1.023];

const curvesPlot = [
  "```plot",
  "title: Training and validation loss of one run",
  "description: A run trained for 30 epochs without early stopping; the marker shows where EarlyStopping with patience 5 would have stopped it.",
  "xLabel: epoch",
  "yLabel: loss",
  "y: [0, 1.4]",
  "series: [",
  `  {label: training loss, data: [${TRAIN.join(", ")}]},`,
  `  {label: validation loss, data: [${VALIDATION.join(", ")}]}`,
  "]",
  "marker: {x: 18, label: early stop}",
  "```",
].join("\n");

export default defineQuizExercise({
  id: "overfitting",
  title: "Overfitting, early stopping and regularization",
  topic: "Generalization",
  kind: "quiz",
  points: 11,
  difficulty: "medium",
  questions: [
    {
      id: "read-curves",
      kind: "single",
      points: 1,
      prompt: `The plot shows a run trained for 30 epochs.\n\n${curvesPlot}\n\nWhat happens from about epoch 13 on?`,
      choices: [
        { id: "a", text: "The model overfits: it keeps fitting the training set better while it gets worse on unseen data.", correct: true },
        { id: "b", text: "The model underfits: it is too small to learn the task." },
        { id: "c", text: "The learning rate is too high, so training diverges." },
        { id: "d", text: "Nothing to worry about: the training loss is what matters." },
      ],
      shuffle: true,
      explanation:
        "The training loss keeps falling while the validation loss turns and rises: the gap between them grows. The network is memorising the training samples " +
        "(including their noise) instead of learning what generalises. Underfitting shows high training **and** validation loss; divergence shows a rising **training** loss.",
    },
    {
      id: "restored-weights",
      kind: "single",
      points: 1,
      prompt:
        `Same run:\n\n${curvesPlot}\n\n` +
        "With `EarlyStopping({ monitor: 'val_loss', patience: 5, restoreBestWeights: true })` training stops at the marked epoch. The weights of which epoch does the model end up with?",
      choices: [
        { id: "e13", text: "Epoch 13", correct: true },
        { id: "e18", text: "Epoch 18" },
        { id: "e30", text: "Epoch 30" },
        { id: "e8", text: "Epoch 8" },
      ],
      shuffle: true,
      explanation:
        "Training stops once the validation loss has not improved for `patience` epochs in a row, so the stopping epoch is 5 epochs after the best one: " +
        "the minimum of the validation curve, at epoch 13. `restoreBestWeights` rolls the weights back to that epoch; without it the model would keep the weights of the last epoch trained.",
    },
    {
      id: "stop-epoch",
      kind: "numeric",
      points: 2,
      prompt:
        "A run uses `EarlyStopping({ monitor: 'val_loss', patience: {{patience}} })` (with `minDelta` 0). The validation losses of epochs 0, 1, 2, … are:\n\n" +
        "{{losses}}\n\nAt which epoch (counting from 0) does training stop?",
      params: (rng) => {
        const patience = rng.int(2, 5);
        return { patience, losses: drawLosses(rng, patience) };
      },
      answer: (p) => stopEpoch(parseLosses(String(p.losses)), num(p, "patience")),
      unit: "epoch",
      explanation:
        "Keep the best loss so far and a counter `wait`. An epoch whose loss is **lower than the best** resets `wait` to 0; any other epoch adds 1, " +
        "and training stops at the epoch where `wait` reaches {{patience}}. A loss that is lower than the epoch before but not lower than the best is **not** an improvement.",
    },
    {
      id: "patience",
      kind: "single",
      points: 1,
      prompt: "What does the `patience` argument of Keras' `EarlyStopping` set?",
      choices: [
        { id: "a", text: "How many epochs in a row without improvement of the monitored value are tolerated before training stops.", correct: true },
        { id: "b", text: "The minimum number of epochs to train before the callback looks at the loss." },
        { id: "c", text: "By how much the monitored value must improve to count as an improvement." },
        { id: "d", text: "How many epochs the learning rate is lowered before training stops." },
      ],
      shuffle: true,
      explanation:
        "Validation curves are noisy: one bad epoch does not mean overfitting has begun. `patience` is the number of epochs without a new best that the callback waits for. " +
        "The minimum improvement is `minDelta`; a warm-up before monitoring is `startFromEpoch` in recent Keras.",
    },
    {
      id: "dropout-inference",
      kind: "single",
      points: 1,
      prompt: "What does a Keras `Dropout` layer do when the model predicts (inference)?",
      choices: [
        { id: "a", text: "Nothing: it passes its input through unchanged.", correct: true },
        { id: "b", text: "It drops units with the same rate as in training." },
        { id: "c", text: "It multiplies every input by $1 - \\text{rate}$." },
        { id: "d", text: "It multiplies every input by $1 / (1 - \\text{rate})$." },
      ],
      shuffle: true,
      explanation:
        "Dropout is only active in training. Keras uses **inverted** dropout: in training the kept units are scaled up by $1/(1 - \\text{rate})$, so their expected value matches the input, " +
        "and at inference there is nothing left to correct — the layer is the identity. Scaling by $1 - \\text{rate}$ at inference is the original paper's (non-inverted) convention, not Keras'.",
    },
    {
      id: "dropout-scale",
      kind: "numeric",
      points: 1,
      prompt:
        "During training, a `Dropout` layer with rate {{rate}} receives the value {{x}} for one unit, and that unit is **kept**. What value does the layer output for it? Give at least 4 significant digits.",
      params: (rng) => ({ rate: rng.pick([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6]), x: rng.float(0.5, 3, 2) }),
      answer: (p) => num(p, "x") / (1 - num(p, "rate")),
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "Inverted dropout divides kept units by the keep probability: $x / (1 - \\text{rate}) = {{x}} / (1 - {{rate}})$. " +
        "The expected output $(1 - \\text{rate}) \\cdot \\frac{x}{1 - \\text{rate}} = x$ then equals the input, which is why nothing needs scaling at inference.",
    },
    {
      id: "l1-l2",
      kind: "multiple",
      points: 2,
      prompt: "Which statements about L1 and L2 weight penalties are true? (Select all that apply.)",
      choices: [
        { id: "a", text: "L1 ($\\lambda \\sum |w|$) drives many weights to exactly 0, giving a sparse model.", correct: true },
        { id: "b", text: "L2 ($\\lambda \\sum w^2$) shrinks all weights towards small values but rarely makes them exactly 0.", correct: true },
        { id: "c", text: "The L2 penalty's gradient $2\\lambda w$ is proportional to the weight, so large weights are pulled back hardest.", correct: true },
        { id: "d", text: "L2 makes the model sparse, L1 only keeps the weights small." },
        { id: "e", text: "Both penalties are added to the loss only at inference time." },
      ],
      shuffle: true,
      explanation:
        "L1's gradient is $\\lambda\\,\\mathrm{sign}(w)$: the same push towards 0 however small $w$ is, so weights that matter little land exactly on 0 (sparsity, a form of feature selection). " +
        "L2's gradient $2\\lambda w$ fades as $w$ shrinks, so weights become small but stay non-zero (\"weight decay\"). Both are part of the **training** loss; predictions do not use them.",
    },
    {
      id: "remedies",
      kind: "multiple",
      points: 2,
      prompt: "Which of these usually **reduce** overfitting? (Select all that apply.)",
      choices: [
        { id: "a", text: "Adding dropout layers", correct: true },
        { id: "b", text: "An L2 penalty on the kernels", correct: true },
        { id: "c", text: "Early stopping on the validation loss", correct: true },
        { id: "d", text: "Collecting more training data", correct: true },
        { id: "e", text: "Training for more epochs" },
        { id: "f", text: "Adding more units to every hidden layer" },
      ],
      shuffle: true,
      explanation:
        "Dropout, weight penalties and early stopping limit how closely the network can fit the training set; more data makes memorising it harder. " +
        "More epochs and more units do the opposite: they give the model more time or more capacity to memorise.",
    },
  ],
});
