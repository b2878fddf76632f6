import { defineQuizExercise } from "../../lib/exercises/quiz-exercise";

/** The four output/loss pairs of the course, plus two pairs students often reach for by mistake. */
const pairs = [
  { id: "linear-mse", text: "a **linear** output (no activation) with **mean squared error**" },
  { id: "sigmoid-bce", text: "**one** unit with **sigmoid**, and **binary cross-entropy**" },
  { id: "softmax-cce", text: "one unit per class with **softmax**, and **categorical cross-entropy**" },
  { id: "sigmoid-each-bce", text: "one unit per label, **each with its own sigmoid**, and **binary cross-entropy**" },
  { id: "relu-cce", text: "one unit per class with **ReLU**, and **categorical cross-entropy**" },
  { id: "softmax-mse", text: "one unit per class with **softmax**, and **mean squared error**" },
];

const choicesFor = (right: string) => pairs.map((p) => (p.id === right ? { ...p, correct: true } : { ...p }));

const regressionTasks = [
  "predict the sale price of a house from its floor area, number of rooms and postcode",
  "predict tomorrow's maximum temperature in °C from today's weather measurements",
  "estimate how many minutes a food delivery will take from the distance, time of day and restaurant",
  "predict a car's fuel consumption in litres per 100 km from its weight, engine size and age",
  "estimate a person's age in years from a photo of their face",
];
const binaryTasks = [
  "decide whether an e-mail is spam or not",
  "decide from a scan whether a tumour is malignant or benign",
  "flag a card transaction as fraudulent or legitimate",
  "predict whether a customer will cancel their subscription next month (yes or no)",
  "decide whether a product review is positive or negative",
];
const multiClassTasks = [
  "recognise a handwritten digit 0–9 (each image shows exactly one digit)",
  "tell which of 120 dog breeds is shown in a photo of one dog",
  "identify the language (one of 20) a sentence is written in",
  "classify a news article into exactly one of 8 sections (sport, politics, science, …)",
  "classify a bird song recording as one of 50 species",
];
const multiLabelTasks = [
  "tag a holiday photo with every label that applies among 30 (beach, people, dog, sunset, …) — a photo can have several",
  "give a film all of its genres among 20 (a film can be both comedy and romance)",
  "find which of 14 findings are visible on a chest X-ray; an X-ray may show none, one or several",
  "mark every topic among 12 that a support ticket is about; one ticket can raise several",
  "predict which toppings among 15 a pizza order contains",
];

export default defineQuizExercise({
  id: "output-activation",
  title: "Choosing the output activation and the loss",
  topic: "Activation functions",
  kind: "quiz",
  points: 8,
  difficulty: "easy",
  questions: [
    {
      id: "regression",
      kind: "single",
      points: 1,
      prompt: "A network must {{task}}. Which output layer and loss fit?",
      params: (rng) => ({ task: rng.pick(regressionTasks) }),
      choices: choicesFor("linear-mse"),
      shuffle: true,
      explanation:
        "The target is an unbounded real number, so the output must be able to take any value: a **linear** output (Keras' default `activation: 'linear'`). " +
        "Squashing it with sigmoid or softmax would cap it at 1, and ReLU could never predict a value below 0. " +
        "The matching loss for real-valued targets is the **mean squared error** $\\frac{1}{n}\\sum (y - \\hat y)^2$ (or MAE when outliers matter).",
    },
    {
      id: "binary",
      kind: "single",
      points: 1,
      prompt: "A network must {{task}}. Which output layer and loss fit?",
      params: (rng) => ({ task: rng.pick(binaryTasks) }),
      choices: choicesFor("sigmoid-bce"),
      shuffle: true,
      explanation:
        "Two mutually exclusive outcomes need one number: the probability $p$ of the positive class. " +
        "A single **sigmoid** unit gives $p = \\sigma(z) \\in (0, 1)$, and **binary cross-entropy** " +
        "$-[y \\log p + (1 - y) \\log(1 - p)]$ is the negative log-likelihood of that Bernoulli output. " +
        "(Two softmax units with categorical cross-entropy compute the same thing with one redundant unit.)",
    },
    {
      id: "multi-class",
      kind: "single",
      points: 1,
      prompt: "A network must {{task}}. Which output layer and loss fit?",
      params: (rng) => ({ task: rng.pick(multiClassTasks) }),
      choices: choicesFor("softmax-cce"),
      shuffle: true,
      explanation:
        "Exactly one class is right, so the outputs should form one probability distribution over the $K$ classes. " +
        "**Softmax** $\\frac{e^{z_k}}{\\sum_j e^{z_j}}$ makes the $K$ outputs positive and sum to 1, and **categorical cross-entropy** " +
        "$-\\sum_k y_k \\log p_k$ rewards a high probability on the true class (use *sparse* categorical cross-entropy for integer labels). " +
        "Independent sigmoids would not make the classes compete, and ReLU outputs are not probabilities at all.",
    },
    {
      id: "multi-label",
      kind: "single",
      points: 1,
      prompt: "A network must {{task}}. Which output layer and loss fit?",
      params: (rng) => ({ task: rng.pick(multiLabelTasks) }),
      choices: choicesFor("sigmoid-each-bce"),
      shuffle: true,
      explanation:
        "Each label is its own yes/no question, and several can be yes at once. So every label gets its own unit with its own **sigmoid** " +
        "(a probability per label, independent of the others), and the loss is **binary cross-entropy** averaged over the labels. " +
        "Softmax would force the probabilities to sum to 1: raising the probability of *dog* would lower that of *beach*.",
    },
    {
      id: "why-not-softmax",
      kind: "single",
      points: 2,
      prompt:
        "A colleague uses softmax with categorical cross-entropy for a multi-label task (a photo can be *beach* and *dog* at the same time). What goes wrong?",
      choices: [
        { id: "a", text: "Softmax outputs sum to 1, so the labels compete: a photo cannot get a high probability for both *beach* and *dog*.", correct: true },
        { id: "b", text: "Nothing: softmax and per-unit sigmoid give the same probabilities." },
        { id: "c", text: "Softmax overflows when more than one target is 1." },
        { id: "d", text: "Categorical cross-entropy cannot be computed with more than two classes." },
      ],
      shuffle: true,
      explanation:
        "Softmax models *one* choice among $K$: $\\sum_k p_k = 1$. With two true labels the best it can do is 0.5 each, so the model can never be confident about both. " +
        "Independent sigmoids give each label its own probability in $(0, 1)$, with no constraint on their sum.",
    },
    {
      id: "true-statements",
      kind: "multiple",
      points: 2,
      prompt: "Which statements are true? (Select all that apply.)",
      choices: [
        { id: "a", text: "For a multi-label output with sigmoid units, the outputs of one sample need not sum to 1.", correct: true },
        { id: "b", text: "Binary classification with 2 softmax units and categorical cross-entropy is equivalent to 1 sigmoid unit with binary cross-entropy.", correct: true },
        { id: "c", text: "Sparse categorical cross-entropy takes integer class labels instead of one-hot vectors.", correct: true },
        { id: "d", text: "A ReLU output is a good choice for predicting temperatures in °C." },
        { id: "e", text: "Mean squared error is the standard loss for multi-class classification." },
      ],
      shuffle: true,
      explanation:
        "Sigmoid units are independent, so their sum is unconstrained. Softmax over two logits is $\\sigma(z_1 - z_0)$, so two softmax units equal one sigmoid unit. " +
        "Sparse categorical cross-entropy is the same loss with the label given as an index. " +
        "ReLU cannot output negative values, and temperatures can be below 0 °C. Mean squared error on probabilities gives weak gradients when the model is confidently wrong, which cross-entropy does not.",
    },
  ],
});
