import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";
import type { Params } from "../../lib/exercises/quiz";

const num = (p: Params, name: string): number => Number(p[name]);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export default defineQuizExercise({
  id: "hidden-activation",
  title: "Activations in hidden layers",
  topic: "Activation functions",
  kind: "quiz",
  points: 10,
  difficulty: "medium",
  questions: [
    {
      id: "why-not-sigmoid",
      kind: "single",
      points: 1,
      prompt: "Why is the sigmoid avoided in the hidden layers of deep networks?",
      choices: [
        { id: "a", text: "Its derivative is well below 1 everywhere and nearly 0 for large $|x|$, so backpropagated gradients shrink layer after layer (vanishing gradients).", correct: true },
        { id: "b", text: "It is not differentiable at 0." },
        { id: "c", text: "Its outputs can be negative, which makes training unstable." },
        { id: "d", text: "It is too expensive to compute compared with a matrix product." },
        { id: "e", text: "It makes the network linear, whatever its depth." },
      ],
      shuffle: true,
      explanation:
        "Backpropagation multiplies one factor $\\sigma'(z)$ per layer. Since $\\sigma'(z) = \\sigma(z)(1 - \\sigma(z)) \\le \\tfrac14$, " +
        "and it is close to 0 once the unit saturates, the gradient reaching the first layers shrinks geometrically with depth and those layers barely learn. " +
        "The sigmoid is smooth everywhere, its outputs are in $(0, 1)$ (never negative), and it is non-linear; cost is not the issue.",
    },
    {
      id: "max-sigmoid-grad",
      kind: "numeric",
      points: 1,
      prompt: "What is the largest value that the derivative $\\sigma'(x)$ of the sigmoid takes? Give a decimal number.",
      answer: 0.25,
      atol: 0.001,
      rtol: 0,
      explanation:
        "$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$ is a product $s(1 - s)$ with $s \\in (0, 1)$, largest at $s = \\tfrac12$, that is at $x = 0$: " +
        "$\\sigma'(0) = \\tfrac12 \\cdot \\tfrac12 = \\tfrac14$.",
    },
    {
      id: "sigmoid-grad-at-x",
      kind: "numeric",
      points: 2,
      prompt:
        "A sigmoid unit receives the pre-activation $x = {{x}}$. What is $\\sigma'(x)$ there? Give at least 4 significant digits (e.g. `0.01234` or `1.234e-2`).",
      params: (rng) => ({ x: rng.pick([-1, 1]) * rng.float(2, 6, 1) }),
      answer: (p) => sigmoid(num(p, "x")) * (1 - sigmoid(num(p, "x"))),
      rtol: 1e-3,
      atol: 1e-7,
      explanation:
        "Compute $s = \\sigma({{x}}) = 1/(1 + e^{-({{x}})})$, then $\\sigma'({{x}}) = s(1 - s)$. " +
        "Far from 0 the unit is saturated: the derivative is a small fraction of its maximum $\\sigma'(0)$, and $\\sigma'(-x) = \\sigma'(x)$ by symmetry.",
    },
    {
      id: "depth-product",
      kind: "numeric",
      points: 2,
      prompt:
        "A network has {{L}} hidden layers, all with sigmoid activations. Backpropagation multiplies the gradient by one factor $\\sigma'(z)$ per layer " +
        "(ignore the weights). What is the **largest possible** product of these {{L}} factors? Give at least 4 significant digits (exponent notation such as `1.234e-5` is fine).",
      params: (rng) => ({ L: rng.int(4, 15) }),
      answer: (p) => 0.25 ** num(p, "L"),
      rtol: 1e-3,
      atol: 0,
      explanation:
        "Each factor is at most $\\tfrac14$, so the product over {{L}} layers is at most $(\\tfrac14)^{ {{L}} }$: the gradient reaching the first layer is at least " +
        "$4^{ {{L}} }$ times smaller than at the last, before saturation makes it smaller still. That is the vanishing-gradient problem; " +
        "ReLU's derivative is exactly 1 for active units, so the product does not shrink by itself.",
    },
    {
      id: "leaky-relu",
      kind: "single",
      points: 1,
      prompt: "What problem of ReLU does leaky ReLU, $f(x) = x$ for $x > 0$ and $\\alpha x$ otherwise, fix?",
      choices: [
        { id: "a", text: "Dead units: a unit whose input is negative for every sample gets zero gradient and can never recover.", correct: true },
        { id: "b", text: "Exploding activations for large positive inputs." },
        { id: "c", text: "ReLU is not differentiable anywhere." },
        { id: "d", text: "ReLU outputs are not bounded by 1, so they cannot be probabilities." },
      ],
      shuffle: true,
      explanation:
        "For $x < 0$ ReLU is flat: its derivative is 0, so a unit pushed into the negative region for all inputs (a large negative bias after a big update, say) receives no gradient and stays \"dead\". " +
        "Leaky ReLU keeps a small slope $\\alpha$ (e.g. 0.01–0.3) there, so a gradient always flows and the unit can come back. It changes nothing for positive inputs.",
    },
    {
      id: "relu-grad-zero",
      kind: "single",
      points: 1,
      prompt: "What is the derivative of ReLU at $x = 0$, and what do frameworks such as TensorFlow use there?",
      choices: [
        { id: "a", text: "Mathematically undefined (the left slope is 0, the right slope is 1); frameworks use 0.", correct: true },
        { id: "b", text: "Mathematically undefined; frameworks use 1." },
        { id: "c", text: "Mathematically undefined; frameworks raise an error when an input is exactly 0." },
        { id: "d", text: "It is 0.5, the average of the two slopes." },
        { id: "e", text: "It is 1, because $\\max(0, x)$ is increasing." },
      ],
      shuffle: true,
      explanation:
        "ReLU has a kink at 0: the slope is 0 from the left and 1 from the right, so the derivative does not exist there. " +
        "Any value in $[0, 1]$ is a valid subgradient; TensorFlow (and so Keras and tfjs) uses 0, i.e. the gradient is 1 only for $x > 0$. An input of exactly 0 is rare in practice anyway.",
    },
    {
      id: "tanh-statements",
      kind: "multiple",
      points: 2,
      prompt: "Which statements about tanh as a hidden activation are true? (Select all that apply.)",
      choices: [
        { id: "a", text: "tanh is zero-centred: its outputs lie in $(-1, 1)$.", correct: true },
        { id: "b", text: "$\\tanh'(0) = 1$, larger than the sigmoid's slope anywhere.", correct: true },
        { id: "c", text: "$\\tanh(x) = 2\\sigma(2x) - 1$.", correct: true },
        { id: "d", text: "tanh does not saturate, so it avoids vanishing gradients entirely." },
        { id: "e", text: "tanh's derivative is 0 for every negative input, like ReLU's." },
      ],
      shuffle: true,
      explanation:
        "tanh is a rescaled sigmoid, $\\tanh(x) = 2\\sigma(2x) - 1$, with outputs in $(-1, 1)$ centred on 0 and slope $1 - \\tanh^2(x)$, which is 1 at 0. " +
        "That is better than the sigmoid, but tanh still saturates for large $|x|$ (its derivative tends to 0 on both sides), so deep tanh networks still suffer from vanishing gradients.",
    },
  ],
});
