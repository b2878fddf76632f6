import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params, Rng } from "../../lib/exercises/quiz";

const num = (p: Params, name: string): number => Number(p[name]);

/** Keras: p = step / decaySteps, floored when staircase. */
const progress = (step: number, decaySteps: number, staircase: boolean): number => (staircase ? Math.floor(step / decaySteps) : step / decaySteps);
const exponential = (p: Params, staircase: boolean): number =>
  num(p, "lr0") * num(p, "rate") ** progress(num(p, "step"), num(p, "decaySteps"), staircase);
const inverseTime = (p: Params, staircase: boolean): number =>
  num(p, "lr0") / (1 + num(p, "rate") * progress(num(p, "step"), num(p, "decaySteps"), staircase));

const INITIAL_LRS = [0.1, 0.05, 0.02, 0.01, 0.005, 0.001] as const;
const DECAY_STEPS = [100, 200, 250, 400, 500, 1000, 2000] as const;

/** A step that is never a multiple of decaySteps, so that staircase and smooth decay always differ. */
function decayParams(rng: Rng, rate: number, minPeriods: number, maxPeriods: number): Params {
  const decaySteps = rng.pick(DECAY_STEPS);
  return {
    lr0: rng.pick(INITIAL_LRS),
    rate,
    decaySteps,
    step: decaySteps * rng.int(minPeriods, maxPeriods - 1) + rng.int(1, decaySteps - 1),
  };
}

const DIGITS = "Give at least 4 significant digits (e.g. `0.001234` or `1.234e-3`).";

const piecewiseValues = [
  [0.1, 0.01, 0.001],
  [0.05, 0.01, 0.002],
  [0.01, 0.005, 0.001],
  [0.2, 0.05, 0.01],
  [0.001, 0.0005, 0.0001],
] as const;

export default defineQuizExercise({
  id: "lr-schedule-numbers",
  title: "Learning-rate schedules by the numbers",
  topic: "Learning-rate schedules",
  kind: "quiz",
  points: 12,
  difficulty: "medium",
  questions: [
    {
      id: "exponential",
      kind: "numeric",
      points: 2,
      prompt:
        "`ExponentialDecay({ initialLearningRate: {{lr0}}, decaySteps: {{decaySteps}}, decayRate: {{rate}} })` (no staircase). " +
        `What is the learning rate at step {{step}}? ${DIGITS}`,
      params: (rng) => decayParams(rng, rng.float(0.5, 0.96, 2), 0, 8),
      answer: (p) => exponential(p, false),
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "Without staircase the exponent is the real number $p = \\text{step} / \\text{decaySteps} = {{step}} / {{decaySteps}}$, and " +
        "$\\eta = \\eta_0 \\cdot r^{p} = {{lr0}} \\cdot {{rate}}^{\\,{{step}}/{{decaySteps}}}$.",
    },
    {
      id: "exponential-staircase",
      kind: "numeric",
      points: 2,
      prompt:
        "`ExponentialDecay({ initialLearningRate: {{lr0}}, decaySteps: {{decaySteps}}, decayRate: {{rate}}, staircase: true })`. " +
        `What is the learning rate at step {{step}}? ${DIGITS}`,
      params: (rng) => decayParams(rng, rng.float(0.5, 0.96, 2), 1, 8),
      answer: (p) => exponential(p, true),
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "With `staircase: true` the exponent is rounded **down** to whole periods: $p = \\lfloor {{step}} / {{decaySteps}} \\rfloor$, so the rate drops only every {{decaySteps}} steps, " +
        "and $\\eta = {{lr0}} \\cdot {{rate}}^{p}$. Forgetting the floor gives the smooth schedule's value.",
    },
    {
      id: "inverse-time",
      kind: "numeric",
      points: 2,
      prompt:
        "`InverseTimeDecay({ initialLearningRate: {{lr0}}, decaySteps: {{decaySteps}}, decayRate: {{rate}} })` (no staircase). " +
        `What is the learning rate at step {{step}}? ${DIGITS}`,
      params: (rng) => decayParams(rng, rng.float(0.1, 2, 1), 0, 10),
      answer: (p) => inverseTime(p, false),
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "Inverse time decay divides instead of multiplying: $\\eta = \\dfrac{\\eta_0}{1 + r\\,p}$ with $p = {{step}} / {{decaySteps}}$, " +
        "i.e. $\\eta = {{lr0}} / (1 + {{rate}} \\cdot {{step}} / {{decaySteps}})$. It falls quickly at first and then ever more slowly, like $1/\\text{step}$.",
    },
    {
      id: "inverse-time-staircase",
      kind: "numeric",
      points: 2,
      prompt:
        "`InverseTimeDecay({ initialLearningRate: {{lr0}}, decaySteps: {{decaySteps}}, decayRate: {{rate}}, staircase: true })`. " +
        `What is the learning rate at step {{step}}? ${DIGITS}`,
      params: (rng) => decayParams(rng, rng.float(0.1, 2, 1), 1, 10),
      answer: (p) => inverseTime(p, true),
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "Staircase floors the progress: $p = \\lfloor {{step}} / {{decaySteps}} \\rfloor$, then $\\eta = {{lr0}} / (1 + {{rate}} \\cdot p)$.",
    },
    {
      id: "piecewise",
      kind: "numeric",
      points: 2,
      prompt:
        "`PiecewiseConstantDecay({ boundaries: [{{b0}}, {{b1}}], values: [{{v0}}, {{v1}}, {{v2}}] })`. What is the learning rate at step {{step}}? Give the exact value.",
      params: (rng) => {
        const [v0, v1, v2] = rng.pick(piecewiseValues);
        const b0 = rng.int(2, 20) * 500;
        const b1 = b0 + rng.int(2, 20) * 500;
        // Half the variants land exactly on a boundary, where students most often pick the wrong side.
        const step = rng.int(0, 1) === 1 ? rng.pick([b0, b1]) : rng.int(1, b1 + 5000);
        return { b0, b1, v0, v1, v2, step };
      },
      answer: (p) => {
        const step = num(p, "step");
        if (step <= num(p, "b0")) return num(p, "v0");
        if (step <= num(p, "b1")) return num(p, "v1");
        return num(p, "v2");
      },
      rtol: 1e-6,
      atol: 1e-12,
      explanation:
        "Keras uses `values[0]` while step ≤ `boundaries[0]`, `values[1]` while {{b0}} < step ≤ {{b1}}, and `values[2]` after {{b1}}. " +
        "The boundary step itself still belongs to the interval that **ends** there.",
    },
    {
      id: "staircase-shape",
      kind: "single",
      points: 1,
      prompt: "What does `staircase: true` change in `ExponentialDecay`?",
      choices: [
        { id: "a", text: "The learning rate stays constant for `decaySteps` steps and then drops by the factor `decayRate` at once.", correct: true },
        { id: "b", text: "The learning rate decreases linearly instead of exponentially." },
        { id: "c", text: "The learning rate increases again after every `decaySteps` steps (warm restarts)." },
        { id: "d", text: "Nothing at steps that are not a multiple of `decaySteps`." },
      ],
      shuffle: true,
      explanation:
        "The exponent $p = \\lfloor \\text{step} / \\text{decaySteps} \\rfloor$ is an integer, so the schedule is piecewise constant with a jump at each multiple of `decaySteps`. " +
        "At multiples of `decaySteps` both versions agree; **between** them they differ.",
    },
    {
      id: "steps-not-epochs",
      kind: "single",
      points: 1,
      prompt: "In Keras, what does `step` count in these schedules?",
      choices: [
        { id: "a", text: "Optimizer updates (batches), across all epochs so far.", correct: true },
        { id: "b", text: "Epochs." },
        { id: "c", text: "Training samples seen." },
        { id: "d", text: "Batches within the current epoch; it restarts at 0 every epoch." },
      ],
      shuffle: true,
      explanation:
        "A `LearningRateSchedule` is called with the optimizer's iteration counter, which grows by 1 per batch and never resets. " +
        "To decay once per epoch, set `decaySteps` to the number of steps per epoch, $\\lceil N / B \\rceil$.",
    },
  ],
});
