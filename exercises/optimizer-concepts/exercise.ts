import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params } from "../../lib/exercises/quiz";

const num = (p: Params, name: string): number => Number(p[name]);

export default defineQuizExercise({
  id: "optimizer-concepts",
  title: "Momentum, Adagrad, RMSProp and Adam",
  topic: "Optimizers",
  kind: "quiz",
  points: 12,
  difficulty: "medium",
  questions: [
    {
      id: "momentum",
      kind: "single",
      points: 1,
      prompt: "What does momentum add to plain gradient descent?",
      choices: [
        {
          id: "a",
          text: "A velocity: a decaying sum of past gradients, so steps build up along directions where gradients agree and oscillations across a ravine cancel out.",
          correct: true,
        },
        { id: "b", text: "A separate learning rate for each weight, scaled by the size of its past gradients." },
        { id: "c", text: "A learning rate that decays by a fixed factor every epoch." },
        { id: "d", text: "A penalty that pulls the weights towards 0." },
      ],
      shuffle: true,
      explanation:
        "Keras' rule is $v \\leftarrow \\mu v - \\eta g$, $w \\leftarrow w + v$. The velocity $v$ remembers past gradients with weight $\\mu^k$: " +
        "components that keep the same sign add up (up to $1/(1 - \\mu)$ times a single step), components that flip sign cancel. " +
        "Per-weight scaling is what Adagrad, RMSProp and Adam do; a decaying learning rate is a schedule; pulling weights to 0 is regularization.",
    },
    {
      id: "adagrad",
      kind: "single",
      points: 1,
      prompt:
        "Adagrad keeps an accumulator $a \\leftarrow a + g^2$ per weight and steps by $\\eta\\, g / (\\sqrt{a} + \\epsilon)$. What happens to a weight's effective learning rate $\\eta / (\\sqrt{a} + \\epsilon)$ over a long training run?",
      choices: [
        { id: "a", text: "It can only shrink (or stay the same), because the accumulator never decreases; training can stall.", correct: true },
        { id: "b", text: "It goes back up whenever the recent gradients are small." },
        { id: "c", text: "It stays constant: Adagrad only rescales the direction of the step." },
        { id: "d", text: "It grows, because the accumulator of squared gradients grows." },
      ],
      shuffle: true,
      explanation:
        "Each step adds $g^2 \\ge 0$ to $a$, so $a$ never decreases and $\\eta / (\\sqrt a + \\epsilon)$ never increases. Weights with large past gradients slow down first, " +
        "which helps with sparse features, but after many steps every effective learning rate becomes tiny and learning stalls. RMSProp fixes this by forgetting old gradients.",
    },
    {
      id: "rmsprop",
      kind: "single",
      points: 1,
      prompt: "How does RMSProp change Adagrad's accumulator?",
      choices: [
        {
          id: "a",
          text: "It keeps an exponential moving average $s \\leftarrow \\rho s + (1 - \\rho) g^2$ instead of a sum, so old gradients are forgotten and the effective learning rate can grow again.",
          correct: true,
        },
        { id: "b", text: "It resets the accumulator to 0 at the start of every epoch." },
        { id: "c", text: "It accumulates $|g|$ instead of $g^2$." },
        { id: "d", text: "It accumulates the gradients themselves, which gives momentum." },
      ],
      shuffle: true,
      explanation:
        "With decay $\\rho$ (0.9 by default in Keras), $s$ averages $g^2$ over roughly the last $1/(1 - \\rho)$ steps. It tracks the *recent* gradient scale, " +
        "so when gradients become small $s$ shrinks and the step $\\eta g / (\\sqrt s + \\epsilon)$ does not vanish as it does in Adagrad.",
    },
    {
      id: "adam-parts",
      kind: "multiple",
      points: 2,
      prompt: "Which ingredients are part of Adam? (Select all that apply.)",
      choices: [
        { id: "a", text: "A moving average $m$ of the gradients (like momentum)", correct: true },
        { id: "b", text: "A moving average $v$ of the squared gradients (like RMSProp)", correct: true },
        { id: "c", text: "Bias correction: dividing $m$ and $v$ by $1 - \\beta_1^t$ and $1 - \\beta_2^t$", correct: true },
        { id: "d", text: "An ever-growing sum of squared gradients (like Adagrad)" },
        { id: "e", text: "A look-ahead gradient evaluated at $w + \\mu v$ (Nesterov)" },
        { id: "f", text: "Multiplying the learning rate by a fixed factor after every epoch" },
      ],
      shuffle: true,
      explanation:
        "Adam = momentum + RMSProp: $m \\leftarrow \\beta_1 m + (1 - \\beta_1) g$, $v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2$, " +
        "$\\hat m = m / (1 - \\beta_1^t)$, $\\hat v = v / (1 - \\beta_2^t)$, $w \\leftarrow w - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon)$. " +
        "Its averages forget, unlike Adagrad's sum; the Nesterov look-ahead is Nadam; a decaying learning rate is a schedule you may add on top.",
    },
    {
      id: "bias-correction-why",
      kind: "single",
      points: 1,
      prompt: "Why does Adam need bias correction?",
      choices: [
        {
          id: "a",
          text: "$m$ and $v$ start at 0, so during the first steps they are biased towards 0; dividing by $1 - \\beta^t$ undoes that.",
          correct: true,
        },
        { id: "b", text: "Without it the learning rate would grow without bound." },
        { id: "c", text: "It removes the bias terms of the Dense layers from the update." },
        { id: "d", text: "It corrects for the noise of small batches." },
      ],
      shuffle: true,
      explanation:
        "After $t$ steps with a constant gradient $g$, $m = (1 - \\beta_1^t)\\, g$, not $g$: the zero start still weighs $\\beta_1^t$. Dividing by $1 - \\beta_1^t$ gives back $g$. " +
        "The factor is large at $t = 1$ and tends to 1 as $t$ grows, so it only matters early in training. The same holds for $v$ with $\\beta_2$.",
    },
    {
      id: "bias-factor",
      kind: "numeric",
      points: 2,
      prompt:
        "Adam runs with $\\beta_1 = {{beta1}}$. By which factor does bias correction multiply the first moment $m$ at step $t = {{t}}$ (steps counted from 1)? " +
        "Give at least 4 significant digits.",
      params: (rng) => ({ beta1: rng.pick([0.8, 0.85, 0.9, 0.95]), t: rng.int(2, 25) }),
      answer: (p) => 1 / (1 - num(p, "beta1") ** num(p, "t")),
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "$\\hat m = m / (1 - \\beta_1^t)$, so the factor is $\\dfrac{1}{1 - \\beta_1^{t}} = \\dfrac{1}{1 - {{beta1}}^{ {{t}} }}$. " +
        "It is $1/(1 - \\beta_1)$ at $t = 1$ and falls towards 1 as $t$ grows. Forgetting the exponent $t$ keeps the $t = 1$ factor forever.",
    },
    {
      id: "rmsprop-first-s",
      kind: "numeric",
      points: 2,
      prompt:
        "RMSProp with $\\rho = {{rho}}$ starts from $s = 0$. The first gradient of a weight is $g = {{g}}$. What is $s$ after this first step? Give at least 4 significant digits.",
      params: (rng) => ({ rho: rng.pick([0.8, 0.9, 0.95, 0.99]), g: rng.pick([-1, 1]) * rng.float(0.3, 4, 1) }),
      answer: (p) => (1 - num(p, "rho")) * num(p, "g") ** 2,
      rtol: 1e-3,
      atol: 1e-9,
      explanation:
        "$s \\leftarrow \\rho s + (1 - \\rho) g^2$ with $s = 0$ gives $(1 - {{rho}}) \\cdot ({{g}})^2$. It is the **square** of the gradient, so the sign of $g$ does not matter, " +
        "and the fresh gradient gets weight $1 - \\rho$, not $\\rho$. Note how small $s$ is compared with $g^2$: that is the zero-start bias Adam corrects.",
    },
    {
      id: "adaptive",
      kind: "multiple",
      points: 2,
      prompt: "Which optimizers give each weight its own effective learning rate, based on the sizes of its past gradients? (Select all that apply.)",
      choices: [
        { id: "a", text: "Adagrad", correct: true },
        { id: "b", text: "RMSProp", correct: true },
        { id: "c", text: "Adam", correct: true },
        { id: "d", text: "SGD with momentum" },
        { id: "e", text: "Plain SGD" },
      ],
      shuffle: true,
      explanation:
        "Adagrad, RMSProp and Adam divide each weight's step by the root of its own (summed or averaged) squared gradients. " +
        "SGD, with or without momentum, uses one learning rate for every weight; momentum changes the direction and size of steps through the velocity, not a per-weight scale.",
    },
  ],
});
