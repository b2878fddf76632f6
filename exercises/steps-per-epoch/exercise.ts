import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params, Rng } from "../../lib/exercises/quiz";

const num = (p: Params, name: string): number => Number(p[name]);
const stepsPerEpoch = (n: number, b: number): number => Math.ceil(n / b);

const BATCH_SIZES = [16, 24, 32, 50, 64, 100, 128, 256] as const;

/**
 * A dataset size and a batch size. In about four variants out of five N is not a multiple of B (the
 * case where floor and ceil differ); in the others it is, so that "N mod B" is not always right either.
 */
function datasetAndBatch(rng: Rng, batchSizes: readonly number[] = BATCH_SIZES): { n: number; b: number } {
  const b = rng.pick(batchSizes);
  const fullBatches = rng.int(Math.ceil(2_000 / b), Math.floor(120_000 / b));
  const remainder = rng.int(1, 5) === 1 ? 0 : rng.int(1, b - 1);
  return { n: b * fullBatches + remainder, b };
}

export default defineQuizExercise({
  id: "steps-per-epoch",
  title: "Epochs, batches and steps",
  topic: "Epochs, batches and steps",
  kind: "quiz",
  points: 10,
  difficulty: "easy",
  questions: [
    {
      id: "steps",
      kind: "numeric",
      points: 1,
      prompt: "A training set has {{n}} samples and you train with a batch size of {{b}}. How many steps (gradient updates) make one epoch?",
      params: (rng) => datasetAndBatch(rng),
      answer: (p) => stepsPerEpoch(num(p, "n"), num(p, "b")),
      unit: "steps",
      explanation:
        "Every batch is one step, and the last batch may be smaller than the others but is still a step: " +
        "$\\text{steps} = \\lceil N / B \\rceil = \\lceil {{n}} / {{b}} \\rceil$. Rounding down (`Math.floor`) forgets that last, partial batch.",
    },
    {
      id: "total-updates",
      kind: "numeric",
      points: 2,
      prompt: "You call `model.fit(x, y, { batchSize: {{b}}, epochs: {{e}} })` on {{n}} samples. How many weight updates happen in total?",
      params: (rng) => ({ ...datasetAndBatch(rng), e: rng.int(3, 60) }),
      answer: (p) => num(p, "e") * stepsPerEpoch(num(p, "n"), num(p, "b")),
      unit: "updates",
      explanation:
        "Each epoch makes $\\lceil N / B \\rceil$ updates, and the epochs repeat that: $E \\cdot \\lceil N / B \\rceil = {{e}} \\cdot \\lceil {{n}} / {{b}} \\rceil$. " +
        "Computing $\\lceil E N / B \\rceil$ instead is wrong as soon as $B$ does not divide $N$: the partial batch happens once **per epoch**.",
    },
    {
      id: "last-batch",
      kind: "numeric",
      points: 1,
      prompt: "With {{n}} samples and a batch size of {{b}}, how many samples are in the **last** batch of each epoch?",
      params: (rng) => datasetAndBatch(rng),
      answer: (p) => num(p, "n") - (stepsPerEpoch(num(p, "n"), num(p, "b")) - 1) * num(p, "b"),
      unit: "samples",
      explanation:
        "All batches but the last are full, so the last one holds what is left: $N - (\\lceil N/B \\rceil - 1)\\,B$. " +
        "That is $N \\bmod B$ when $B$ does not divide $N$, and a full $B$ when it does (there is no empty batch).",
    },
    {
      id: "double-batch",
      kind: "numeric",
      points: 2,
      prompt:
        "A training set has {{n}} samples. With a batch size of {{b}}, one epoch takes {{steps}} steps. You double the batch size to {{b2}}. How many steps does one epoch take now?",
      params: (rng) => {
        const { n, b } = datasetAndBatch(rng, [16, 32, 50, 64, 100, 128]);
        return { n, b, steps: stepsPerEpoch(n, b), b2: 2 * b };
      },
      answer: (p) => stepsPerEpoch(num(p, "n"), num(p, "b2")),
      unit: "steps",
      explanation:
        "Recompute from the data, do not halve the old count: $\\lceil {{n}} / {{b2}} \\rceil$. " +
        "Halving $\\lceil N/B \\rceil$ is right only sometimes: it gives a fraction when the old count is odd, and the rounding of the last batch changes with $B$.",
    },
    {
      id: "epoch-budget",
      kind: "numeric",
      points: 2,
      prompt:
        "Your compute budget allows {{budget}} gradient updates. The training set has {{n}} samples and the batch size is {{b}}. How many **complete** epochs can you train?",
      params: (rng) => {
        const { n, b } = datasetAndBatch(rng);
        const steps = stepsPerEpoch(n, b);
        return { n, b, budget: steps * rng.int(2, 40) + rng.int(1, steps - 1) };
      },
      answer: (p) => Math.floor(num(p, "budget") / stepsPerEpoch(num(p, "n"), num(p, "b"))),
      unit: "epochs",
      explanation:
        "One epoch costs $\\lceil N / B \\rceil = \\lceil {{n}} / {{b}} \\rceil$ updates, and only complete epochs count: " +
        "$\\lfloor {{budget}} / \\lceil {{n}} / {{b}} \\rceil \\rfloor$. Here the steps are rounded **up** and the epochs **down**.",
    },
    {
      id: "remainder",
      kind: "single",
      points: 1,
      prompt: "By default, what does Keras' `fit` do with the samples left over when the batch size does not divide the number of training samples?",
      choices: [
        { id: "a", text: "They form a smaller last batch, which is one more step of the epoch.", correct: true },
        { id: "b", text: "They are dropped for this epoch." },
        { id: "c", text: "The last batch is padded with repeated samples up to the full batch size." },
        { id: "d", text: "They are carried over to the first batch of the next epoch." },
      ],
      shuffle: true,
      explanation:
        "Keras (and tfjs) slice the data into batches of `batchSize` and keep the remainder as a smaller final batch, so every sample is seen once per epoch and the epoch has $\\lceil N/B \\rceil$ steps. " +
        "Dropping the remainder is something you ask for explicitly (e.g. `drop_remainder=True` in `tf.data`).",
    },
    {
      id: "more-steps",
      kind: "multiple",
      points: 1,
      prompt: "Which changes increase the number of steps **per epoch**? (Select all that apply.)",
      choices: [
        { id: "a", text: "Adding more training samples", correct: true },
        { id: "b", text: "Using a smaller batch size", correct: true },
        { id: "c", text: "Training for more epochs" },
        { id: "d", text: "Using a larger batch size" },
        { id: "e", text: "Raising the learning rate" },
      ],
      shuffle: true,
      explanation:
        "Steps per epoch are $\\lceil N / B \\rceil$: they grow with $N$ and shrink as $B$ grows. More epochs add steps in total, not per epoch, and the learning rate changes the size of each step, not how many there are.",
    },
  ],
});
