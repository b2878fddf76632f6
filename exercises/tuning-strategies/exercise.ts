import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params, Rng } from "../../lib/exercises/quiz";

/**
 * The validation loss of an imagined model as a function of log₁₀ of its learning rate: a gentle bowl with
 * a narrow valley around 10^−2.6, between the values a coarse grid tries.
 */
export const valleyLoss = (log10Lr: number): number => 0.8 + 0.04 * (log10Lr + 2.6) ** 2 - 0.55 * Math.exp(-(((log10Lr + 2.6) / 0.35) ** 2));

/** The learning rates (as log₁₀) of the 3 × 3 grid in the prompt and the first question's plot. */
export const GRID_LOG_LRS = [-4, -3, -2] as const;

/** The plot block of the valley, sampled from `valleyLoss` with the grid's learning rates marked (drawn from code). */
export function valleyPlot(): string {
  const data = Array.from({ length: 101 }, (_, i) => Number(valleyLoss(-5 + i * 0.05).toFixed(4)));
  return [
    "```plot",
    "title: Validation loss against the learning rate",
    "description: A narrow valley around 10^-2.6. The three learning rates of a 3 × 3 grid (marked) all miss it.",
    "xLabel: log10 of the learning rate",
    "yLabel: validation loss",
    "y: [0, 1.2]",
    `series: [{label: validation loss, start: -5, step: 0.05, data: [${data.join(", ")}]}]`,
    `marker: [${GRID_LOG_LRS.map((x) => `{x: ${x}, label: grid}`).join(", ")}]`,
    "```",
  ].join("\n");
}

const POOLS: Record<string, readonly number[]> = {
  learningRate: [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003],
  units: [16, 32, 64, 128, 256, 512],
  dropout: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
  batchSize: [16, 32, 64, 128, 256],
  layers: [1, 2, 3, 4],
};

/** Each parameter of a grid as "name ∈ {values}", joined by "; ". */
const gridEntries = (p: Params): string[][] => String(p.grid).split("; ").map((entry) => (entry.split("{")[1] ?? "").replace("}", "").split(", "));

/** The product of the value counts. */
const gridTrials = (p: Params): number => gridEntries(p).reduce((trials, values) => trials * values.length, 1);

/**
 * A grid of 3 or 4 parameters with 2 to 5 values each, written out. Redrawn until the number of trials is
 * not itself one of the values shown (it would stand in the prompt).
 */
function gridParams(rng: Rng): Params {
  for (;;) {
    const names = rng.shuffle(Object.keys(POOLS)).slice(0, rng.int(3, 4));
    const grid = names
      .map((name) => {
        const pool = POOLS[name] ?? [];
        const values = rng.shuffle(pool).slice(0, rng.int(2, Math.min(5, pool.length)));
        return `${name} ∈ {${values.sort((a, b) => a - b).join(", ")}}`;
      })
      .join("; ");
    const params = { grid };
    if (!gridEntries(params).flat().map(Number).includes(gridTrials(params))) return params;
  }
}

export default defineQuizExercise({
  id: "tuning-strategies",
  title: "Grid, random and Bayesian search",
  topic: "Hyperparameter search",
  kind: "quiz",
  points: 11,
  difficulty: "medium",
  questions: [
    {
      id: "grid-size",
      kind: "numeric",
      points: 2,
      prompt: "A grid search tries every combination of these values: {{grid}}. How many trials (models trained) does it need?",
      params: gridParams,
      answer: (p) => gridTrials(p),
      unit: "trials",
      explanation:
        "A grid trains one model per combination: the **product** of the numbers of values, $\\prod_k |V_k|$, not their sum. " +
        "Each added parameter multiplies the cost: with 4 values for each of 5 parameters that is already $4^5 = 1024$ trials.",
    },
    {
      id: "grid-distinct",
      kind: "numeric",
      points: 1,
      params: (rng) => {
        const k = rng.int(3, 8);
        return { budget: k * k };
      },
      prompt:
        "You may train {{budget}} models. The learning rate and the number of units are searched with a square grid that uses the whole budget. " +
        "How many **different learning rates** does the grid try?",
      answer: (p) => Math.round(Math.sqrt(Number(p.budget))),
      explanation:
        "A square grid of {{budget}} trials has $\\sqrt{ {{budget}} }$ values per parameter: every learning rate is tried once with each number of units. " +
        "If the number of units hardly matters, most of those trials repeat what the grid already knows about the learning rate.",
    },
    {
      id: "random-distinct",
      kind: "numeric",
      points: 1,
      params: (rng) => {
        const k = rng.int(3, 8);
        return { budget: k * k };
      },
      prompt:
        "You may train {{budget}} models. Random search draws the learning rate from a log-uniform range and the number of units from a range of integers, one new configuration per trial. " +
        "How many **different learning rates** does it try (almost surely)?",
      answer: (p) => Number(p.budget),
      explanation:
        "Every trial draws a fresh learning rate from a continuous range, so {{budget}} trials try {{budget}} different learning rates (two equal draws have probability 0). " +
        "The grid with the same budget tries only $\\sqrt{ {{budget}} }$.",
    },
    {
      id: "why-random",
      kind: "single",
      points: 1,
      prompt: `A 3 × 3 grid over the learning rate and the number of units; the number of units hardly matters.\n\n${valleyPlot()}\n\nWhy does random search with the same 9 trials usually find a lower validation loss here?`,
      choices: [
        {
          id: "a",
          text: "Each of its 9 trials tries a new learning rate, so it covers the important parameter with 9 values instead of the grid's 3.",
          correct: true,
        },
        { id: "b", text: "Random search trains each model for more epochs." },
        { id: "c", text: "Random search uses the results of earlier trials to choose the next one." },
        { id: "d", text: "The grid's trials are correlated, so their validation losses are less accurate." },
      ],
      shuffle: true,
      explanation:
        "The grid spends its 9 trials on only 3 learning rates, each repeated with 3 unit counts that barely change the loss; all three miss the valley. " +
        "Random search projects onto 9 distinct learning rates, and each has a chance of landing in it (Bergstra & Bengio, 2012). " +
        "It does not learn from earlier trials — that is what a Bayesian search adds.",
    },
    {
      id: "bayesian",
      kind: "single",
      points: 1,
      prompt: "How does a Bayesian search (Keras Tuner's `BayesianOptimization`) choose the next configuration to try?",
      choices: [
        {
          id: "a",
          text: "It fits a surrogate model (e.g. a Gaussian process) to the scores of the trials so far and tries the configuration the surrogate finds most promising, trading off exploring uncertain regions against exploiting good ones.",
          correct: true,
        },
        { id: "b", text: "It draws every configuration independently from the search space, like random search, but with a seed." },
        { id: "c", text: "It computes the gradient of the validation loss with respect to the hyperparameters and steps downhill." },
        { id: "d", text: "It tries the configurations in the order of a grid, but stops early when the score gets worse." },
      ],
      shuffle: true,
      explanation:
        "Each trial is expensive, so a Bayesian search spends a little computation to choose it well: a **surrogate** model predicts the score (and its uncertainty) of any configuration from the past trials, " +
        "and an acquisition function such as expected improvement picks the next configuration. Grid and random search ignore past results; hyperparameters usually have no gradient at all.",
    },
    {
      id: "keras-tuners",
      kind: "multiple",
      points: 2,
      prompt: "Which of these are tuners that Keras Tuner provides? (Select all that apply.)",
      choices: [
        { id: "a", text: "`RandomSearch`", correct: true },
        { id: "b", text: "`GridSearch`", correct: true },
        { id: "c", text: "`BayesianOptimization`", correct: true },
        { id: "d", text: "`Hyperband`", correct: true },
        { id: "e", text: "`EarlyStopping`" },
        { id: "f", text: "`ReduceLROnPlateau`" },
        { id: "g", text: "`GradientSearch`" },
      ],
      shuffle: true,
      explanation:
        "Keras Tuner's tuners are `RandomSearch`, `GridSearch`, `BayesianOptimization` and `Hyperband` (all subclasses of `Tuner`). " +
        "`EarlyStopping` and `ReduceLROnPlateau` are Keras callbacks — useful inside each trial, but they do not choose configurations. There is no `GradientSearch`.",
    },
    {
      id: "hyperband",
      kind: "single",
      points: 1,
      prompt: "What does Hyperband do to spend a fixed training budget?",
      choices: [
        {
          id: "a",
          text: "It trains many configurations for a few epochs, keeps the best fraction and trains those longer, repeating this (successive halving).",
          correct: true,
        },
        { id: "b", text: "It trains one configuration with a huge batch size so that more epochs fit in the budget." },
        { id: "c", text: "It searches only the learning rate and fixes every other hyperparameter." },
        { id: "d", text: "It trains every configuration of a grid to the end and averages their weights." },
      ],
      shuffle: true,
      explanation:
        "Most bad configurations are visibly bad after a few epochs. Hyperband starts many random configurations on a small budget and repeatedly promotes the top $1/\\eta$ (Keras Tuner's `factor`, 3 by default) " +
        "to a budget $\\eta$ times larger, so the full epochs go to the few that deserve them.",
    },
    {
      id: "which-data",
      kind: "single",
      points: 1,
      prompt: "A search compares 50 configurations. Which data should decide which configuration is best?",
      choices: [
        { id: "a", text: "A validation set (or cross-validation) that is not used for training; the test set is used once, at the end, for the chosen model.", correct: true },
        { id: "b", text: "The test set, because it is the most honest estimate of performance." },
        { id: "c", text: "The training set, because it is the largest." },
        { id: "d", text: "Whichever of validation and test gives the higher score." },
      ],
      shuffle: true,
      explanation:
        "Choosing among configurations is itself fitting: the winner is partly the one that got lucky on the data that chose it. " +
        "That data must be the validation set; the untouched **test** set then gives an unbiased estimate of the chosen model. The training loss rewards memorising, not generalising.",
    },
    {
      id: "test-leak",
      kind: "single",
      points: 1,
      prompt: "A team tries 200 configurations, keeps the one with the best **test** accuracy and reports that accuracy. What is wrong?",
      choices: [
        {
          id: "a",
          text: "The reported accuracy is optimistic: the test set has guided the search, so it is no longer unseen data; the best of 200 noisy scores is biased upwards.",
          correct: true,
        },
        { id: "b", text: "Nothing: the test set was never used for training." },
        { id: "c", text: "200 configurations are too few for a reliable result." },
        { id: "d", text: "The accuracy is too pessimistic, because the test set is small." },
      ],
      shuffle: true,
      explanation:
        "Even without training on it, selecting by test score fits the choice to the test set's noise. With 200 candidates the maximum of their scores is well above what the chosen model will reach on new data. " +
        "Select on validation data and touch the test set once.",
    },
  ],
});
