import { QuizSchema, type Quiz, type QuizInput } from "@/lib/exercises/quiz";

/** A small quiz in the style of `steps-per-epoch`, with one question of each kind. */
export const stepsQuizInput: QuizInput = {
  questions: [
    {
      id: "steps",
      kind: "numeric",
      prompt: "A dataset has {{n}} samples and the batch size is {{b}}. How many steps make one epoch?",
      params: (rng) => ({ n: rng.int(10_000, 90_000), b: rng.pick([16, 32, 64, 128]) }),
      answer: (p) => Math.ceil(Number(p.n) / Number(p.b)),
      explanation: "Steps per epoch = $\\lceil N / B \\rceil$ = ⌈{{n}} / {{b}}⌉.",
      unit: "steps",
    },
    {
      id: "lr",
      kind: "numeric",
      prompt: "With exponential decay from {{lr0}} at rate {{rate}} every 1000 steps, what is the learning rate at step {{step}}?",
      params: (rng) => ({ lr0: rng.float(0.01, 0.1, 3), rate: rng.float(0.5, 0.95, 2), step: rng.int(1, 20) * 500 }),
      answer: (p) => Number(p.lr0) * Number(p.rate) ** (Number(p.step) / 1000),
      rtol: 1e-3,
      points: 2,
    },
    {
      id: "output",
      kind: "single",
      prompt: "Which output activation fits multi-class classification?",
      choices: [
        { id: "a", text: "linear" },
        { id: "b", text: "softmax", correct: true },
        { id: "c", text: "ReLU" },
      ],
      explanation: "Softmax turns logits into a distribution over classes.",
    },
    {
      id: "adam",
      kind: "multiple",
      prompt: "Which are part of Adam?",
      choices: [
        { id: "m1", text: "a moving average of gradients (momentum)", correct: true },
        { id: "m2", text: "a moving average of squared gradients", correct: true },
        { id: "m3", text: "bias correction", correct: true },
        { id: "m4", text: "an ever-growing accumulator" },
      ],
      shuffle: true,
    },
  ],
};

export const stepsQuiz: Quiz = QuizSchema.parse(stepsQuizInput);
