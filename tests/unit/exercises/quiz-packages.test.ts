/**
 * The six quiz packages of the catalogue: they load without warnings, an answer sheet computed here —
 * independently of the packages' own `answer` functions and `correct` flags — scores full marks on
 * seeded variants, typical student mistakes do not, variants are per user and stable, and the student
 * view carries no answers.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPackage, type QuizPackage } from "@/lib/exercises/loader";
import { createVariant, gradeQuiz, quizSeed, renderableQuiz, type Params, type Quiz, type QuizVariant } from "@/lib/exercises/quiz";
import { renderInlineWithReport, renderPromptWithReport } from "@/lib/exercises/render";

const ROOT = path.resolve(__dirname, "../../../exercises");
const USERS = ["alice@example.org", "bob@example.org", "user-4711"];

const n = (p: Params, name: string): number => {
  const value = p[name];
  if (typeof value !== "number") throw new Error(`param ${name} is not a number: ${String(value)}`);
  return value;
};

/** One question's answer under a variant's params; numeric answers flagged `digits4` are also tried as 4-significant-digit strings. */
type Key = { answer: (p: Params) => unknown; digits4?: boolean; computed?: boolean };
type Sheet = Record<string, Key>;
interface QuizSpec {
  right: Sheet;
  /** Typical mistakes: the questions they change and the answer a student with that mistake gives. */
  wrong: Record<string, (p: Params) => unknown>;
}

const fixed = (value: unknown): Key => ({ answer: () => value });
const numeric = (answer: (p: Params) => number, digits4 = true): Key => ({ answer, digits4, computed: true });

// Independent formulas: none of these calls a package's code.
const ceilDiv = (a: number, b: number): number => Math.floor((a + b - 1) / b);
const sigmoidGrad = (x: number): number => 1 / (4 * Math.cosh(x / 2) ** 2);
const pow = (base: number, exponent: number): number => Math.exp(exponent * Math.log(base));

/** Early stopping by the index of the best epoch: stop once `patience` epochs have passed it. */
function earlyStop(losses: number[], patience: number, improves: (loss: number, i: number, bestIndex: number) => boolean): number {
  let bestIndex = 0;
  for (let i = 1; i < losses.length; i++) {
    if (improves(losses[i] ?? Number.NaN, i, bestIndex)) bestIndex = i;
    else if (i - bestIndex >= patience) return i;
  }
  return losses.length;
}
const lossesOf = (p: Params): number[] => String(p.losses).split(", ").map(Number);

function piecewise(step: number, boundaries: number[], values: number[], inclusive: boolean): number {
  for (const [i, b] of boundaries.entries()) if (inclusive ? step <= b : step < b) return values[i] ?? Number.NaN;
  return values.at(-1) ?? Number.NaN;
}
const pw = (p: Params, inclusive: boolean): number => piecewise(n(p, "step"), [n(p, "b0"), n(p, "b1")], [n(p, "v0"), n(p, "v1"), n(p, "v2")], inclusive);
const decayProgress = (p: Params, staircase: boolean): number => {
  const ratio = n(p, "step") / n(p, "decaySteps");
  return staircase ? Math.trunc(ratio) : ratio;
};

const SPECS: Record<string, QuizSpec> = {
  "output-activation": {
    right: {
      regression: fixed("linear-mse"),
      binary: fixed("sigmoid-bce"),
      "multi-class": fixed("softmax-cce"),
      "multi-label": fixed("sigmoid-each-bce"),
      "why-not-softmax": fixed("a"),
      "true-statements": fixed(["a", "b", "c"]),
    },
    wrong: {
      // sigmoid for multi-class, softmax for multi-label, MSE "because it is a number" for binary
      "multi-class": () => "sigmoid-each-bce",
      "multi-label": () => "softmax-cce",
      binary: () => "linear-mse",
    },
  },
  "hidden-activation": {
    right: {
      "why-not-sigmoid": fixed("a"),
      "max-sigmoid-grad": { answer: () => 0.25, digits4: true },
      "sigmoid-grad-at-x": numeric((p) => sigmoidGrad(n(p, "x"))),
      "depth-product": numeric((p) => pow(4, -n(p, "L"))),
      "leaky-relu": fixed("a"),
      "relu-grad-zero": fixed("a"),
      "tanh-statements": fixed(["a", "b", "c"]),
    },
    wrong: {
      "max-sigmoid-grad": () => 0.5,
      // σ(x) instead of σ'(x), and 0.25·L instead of 0.25^L
      "sigmoid-grad-at-x": (p) => 1 / (1 + Math.exp(-n(p, "x"))),
      "depth-product": (p) => 0.25 * n(p, "L"),
      "relu-grad-zero": () => "d",
    },
  },
  "steps-per-epoch": {
    right: {
      steps: numeric((p) => ceilDiv(n(p, "n"), n(p, "b")), false),
      "total-updates": numeric((p) => n(p, "e") * ceilDiv(n(p, "n"), n(p, "b")), false),
      "last-batch": numeric((p) => n(p, "n") % n(p, "b") || n(p, "b"), false),
      "double-batch": numeric((p) => ceilDiv(n(p, "n"), 2 * n(p, "b")), false),
      "epoch-budget": numeric((p) => Math.trunc(n(p, "budget") / ceilDiv(n(p, "n"), n(p, "b"))), false),
      remainder: fixed("a"),
      "more-steps": fixed(["a", "b"]),
    },
    wrong: {
      // floor instead of ceil everywhere, the remainder as the last batch, ceil for whole epochs
      steps: (p) => Math.floor(n(p, "n") / n(p, "b")),
      "total-updates": (p) => n(p, "e") * Math.floor(n(p, "n") / n(p, "b")),
      "last-batch": (p) => n(p, "n") % n(p, "b"),
      "double-batch": (p) => Math.floor(n(p, "n") / n(p, "b2")),
      "epoch-budget": (p) => Math.ceil(n(p, "budget") / Math.floor(n(p, "n") / n(p, "b"))),
      remainder: () => "b",
    },
  },
  "optimizer-concepts": {
    right: {
      momentum: fixed("a"),
      adagrad: fixed("a"),
      rmsprop: fixed("a"),
      "adam-parts": fixed(["a", "b", "c"]),
      "bias-correction-why": fixed("a"),
      "bias-factor": numeric((p) => 1 / (1 - pow(n(p, "beta1"), n(p, "t")))),
      "rmsprop-first-s": numeric((p) => (1 - n(p, "rho")) * n(p, "g") * n(p, "g")),
      adaptive: fixed(["a", "b", "c"]),
    },
    wrong: {
      // no exponent t in the bias correction, ρ on the fresh gradient, "Adagrad's rate can grow"
      "bias-factor": (p) => 1 / (1 - n(p, "beta1")),
      "rmsprop-first-s": (p) => n(p, "rho") * n(p, "g") ** 2,
      adagrad: () => "b",
      "adam-parts": () => ["a", "b", "d"],
    },
  },
  overfitting: {
    right: {
      "read-curves": fixed("a"),
      "restored-weights": fixed("e13"),
      "stop-epoch": { answer: (p) => earlyStop(lossesOf(p), n(p, "patience"), (loss, _i, best) => loss < (lossesOf(p)[best] ?? Number.NaN)) },
      patience: fixed("a"),
      "dropout-inference": fixed("a"),
      "dropout-scale": numeric((p) => n(p, "x") / (1 - n(p, "rate"))),
      "l1-l2": fixed(["a", "b", "c"]),
      remedies: fixed(["a", "b", "c", "d"]),
    },
    wrong: {
      // "improvement" = lower than the previous epoch; scaling by (1 − rate); scaling at inference
      "stop-epoch": (p) => {
        const losses = lossesOf(p);
        let wait = 0;
        for (let i = 1; i < losses.length; i++) {
          wait = (losses[i] ?? 0) < (losses[i - 1] ?? 0) ? 0 : wait + 1;
          if (wait >= n(p, "patience")) return i;
        }
        return losses.length;
      },
      "dropout-scale": (p) => n(p, "x") * (1 - n(p, "rate")),
      "dropout-inference": () => "c",
      "restored-weights": () => "e18",
    },
  },
  "lr-schedule-numbers": {
    right: {
      exponential: numeric((p) => n(p, "lr0") * pow(n(p, "rate"), decayProgress(p, false))),
      "exponential-staircase": numeric((p) => n(p, "lr0") * pow(n(p, "rate"), decayProgress(p, true))),
      "inverse-time": numeric((p) => n(p, "lr0") / (1 + n(p, "rate") * decayProgress(p, false))),
      "inverse-time-staircase": numeric((p) => n(p, "lr0") / (1 + n(p, "rate") * decayProgress(p, true))),
      // The answer is one of the values shown in the prompt, so it is not "computed".
      piecewise: { answer: (p) => pw(p, true) },
      "staircase-shape": fixed("a"),
      "steps-not-epochs": fixed("a"),
    },
    wrong: {
      // staircase forgotten, the next value taken at a boundary
      "exponential-staircase": (p) => n(p, "lr0") * pow(n(p, "rate"), decayProgress(p, false)),
      "inverse-time-staircase": (p) => n(p, "lr0") / (1 + n(p, "rate") * decayProgress(p, false)),
      piecewise: (p) => pw(p, false),
    },
  },
};

const IDS = Object.keys(SPECS);
const packages = new Map<string, QuizPackage>();
const warnings = new Map<string, string[]>();

beforeAll(async () => {
  for (const id of IDS) {
    const loaded = await loadPackage(id, ROOT);
    if (!loaded.ok) throw new Error(`${id}: ${loaded.errors.join("; ")}`);
    if (loaded.pkg.kind !== "quiz") throw new Error(`${id} is not a quiz`);
    packages.set(id, loaded.pkg);
    warnings.set(id, loaded.warnings);
  }
});

function quizOf(id: string): Quiz {
  const pkg = packages.get(id);
  if (!pkg) throw new Error(`${id} did not load`);
  return pkg.quiz;
}

const paramsOf = (variant: QuizVariant, questionId: string): Params => variant.questions[questionId]?.params ?? {};

function sheet(quiz: Quiz, variant: QuizVariant, keys: Sheet): Record<string, unknown> {
  return Object.fromEntries(quiz.questions.map((q) => [q.id, keys[q.id]?.answer(paramsOf(variant, q.id))]));
}

/** The seeded params of a variant, for comparing users. */
const seededParams = (quiz: Quiz, variant: QuizVariant) => quiz.questions.filter((q) => q.params).map((q) => paramsOf(variant, q.id));

describe.each(IDS)("quiz package %s", (id) => {
  const spec = SPECS[id] as QuizSpec;

  it("loads without warnings and the test covers every question", () => {
    expect(warnings.get(id)).toEqual([]);
    const pkg = packages.get(id);
    expect(pkg?.exercise).toMatchObject({ id, kind: "quiz" });
    expect(quizOf(id).questions.map((q) => q.id).sort()).toEqual(Object.keys(spec.right).sort());
    expect(pkg?.exercise.points).toBe(quizOf(id).questions.reduce((sum, q) => sum + q.points, 0));
  });

  it.each(USERS)("scores a right answer sheet at full marks for %s", (user) => {
    const quiz = quizOf(id);
    const variant = createVariant(quiz, quizSeed(user, id));
    const grade = gradeQuiz(quiz, variant, sheet(quiz, variant, spec.right));
    expect(grade.questions.filter((q) => q.status !== "correct")).toEqual([]);
    expect(grade.score).toBe(1);
  });

  it.each(USERS)("accepts numeric answers given to 4 significant digits for %s", (user) => {
    const quiz = quizOf(id);
    const variant = createVariant(quiz, quizSeed(user, id));
    const answers = sheet(quiz, variant, spec.right);
    for (const [questionId, key] of Object.entries(spec.right)) {
      if (key.digits4) answers[questionId] = Number(answers[questionId]).toPrecision(4);
    }
    expect(gradeQuiz(quiz, variant, answers).score).toBe(1);
  });

  it.each(USERS)("scores typical mistakes below full marks for %s", (user) => {
    const quiz = quizOf(id);
    const variant = createVariant(quiz, quizSeed(user, id));
    const right = sheet(quiz, variant, spec.right);
    const answers = { ...right };
    for (const [questionId, mistake] of Object.entries(spec.wrong)) answers[questionId] = mistake(paramsOf(variant, questionId));
    const grade = gradeQuiz(quiz, variant, answers);
    expect(grade.score).toBeLessThan(1);
    for (const feedback of grade.questions) {
      const mistaken = answers[feedback.questionId];
      const differs =
        typeof mistaken === "number"
          ? Math.abs(mistaken - Number(right[feedback.questionId])) > 1e-6 * Math.abs(Number(right[feedback.questionId]))
          : JSON.stringify(mistaken) !== JSON.stringify(right[feedback.questionId]);
      // A mistake that happens to give the right number (floor when B divides N) is not wrong.
      if (differs) expect(feedback.status, feedback.questionId).not.toBe("correct");
      else expect(feedback.status, feedback.questionId).toBe("correct");
    }
  });

  it("gives each user a stable variant, different from another user's", () => {
    const quiz = quizOf(id);
    const [alice, bob] = USERS.map((user) => createVariant(quiz, quizSeed(user, id)));
    if (!alice || !bob) throw new Error("no users");
    expect(createVariant(quiz, quizSeed(USERS[0] ?? "", id))).toEqual(alice);
    expect(JSON.parse(JSON.stringify(alice))).toEqual(alice);
    expect(seededParams(quiz, alice).length).toBeGreaterThan(0);
    expect(seededParams(quiz, alice)).not.toEqual(seededParams(quiz, bob));
    // The variant is per exercise too: the same user sees other numbers in another quiz's stream.
    expect(createVariant(quiz, quizSeed(USERS[0] ?? "", "another-exercise"))).not.toEqual(alice);
  });

  it("keeps answers out of the student view", () => {
    const quiz = quizOf(id);
    for (const user of USERS) {
      const variant = createVariant(quiz, quizSeed(user, id));
      const view = renderableQuiz(quiz, variant);
      const json = JSON.stringify(view);
      expect(json).not.toMatch(/"(correct|answer|atol|rtol|explanation|params|choiceOrder)"/);
      for (const question of view.questions) {
        const allowed = question.kind === "numeric" ? ["id", "kind", "points", "promptHtml", "unit"] : ["id", "kind", "points", "promptHtml", "choices"];
        expect(Object.keys(question).every((key) => allowed.includes(key)), question.id).toBe(true);
        const key = spec.right[question.id];
        if (question.kind !== "numeric" || !key?.computed) continue;
        const value = Number(key.answer(paramsOf(variant, question.id)));
        for (const shown of [String(value), value.toPrecision(4), value.toPrecision(6)]) {
          expect(json, `${question.id} shows ${shown}`).not.toMatch(new RegExp(`(?<![\\d.])${shown.replace(/[.+]/g, "\\$&")}(?![\\d])`));
        }
      }
    }
  });

  it("renders every prompt, choice and explanation without problems", () => {
    const quiz = quizOf(id);
    const pkg = packages.get(id);
    expect(renderPromptWithReport(pkg?.prompt ?? "").problems).toEqual([]);
    for (const user of USERS) {
      const variant = createVariant(quiz, quizSeed(user, id));
      for (const question of quiz.questions) {
        const params = paramsOf(variant, question.id);
        expect(renderPromptWithReport(question.prompt, { params }).problems, question.id).toEqual([]);
        expect(question.explanation, `${question.id} has an explanation`).toBeTruthy();
        expect(renderPromptWithReport(question.explanation ?? "", { params }).problems, question.id).toEqual([]);
        if (question.kind !== "numeric") {
          for (const choice of question.choices) expect(renderInlineWithReport(choice.text, { params }).problems, choice.id).toEqual([]);
        }
      }
    }
  });
});

describe("seeded content", () => {
  it("steps-per-epoch: N is not a multiple of B in most variants, and sometimes is", () => {
    const quiz = quizOf("steps-per-epoch");
    const remainders = Array.from({ length: 200 }, (_, i) => paramsOf(createVariant(quiz, i), "steps")).map((p) => n(p, "n") % n(p, "b"));
    const exact = remainders.filter((r) => r === 0).length;
    expect(exact).toBeGreaterThan(10);
    expect(exact).toBeLessThan(80);
  });

  it("lr-schedule-numbers: decay steps are never multiples of decaySteps, and piecewise steps often sit on a boundary", () => {
    const quiz = quizOf("lr-schedule-numbers");
    const variants = Array.from({ length: 200 }, (_, i) => createVariant(quiz, i));
    for (const questionId of ["exponential", "exponential-staircase", "inverse-time", "inverse-time-staircase"]) {
      for (const v of variants) expect(n(paramsOf(v, questionId), "step") % n(paramsOf(v, questionId), "decaySteps")).not.toBe(0);
    }
    const onBoundary = variants.map((v) => paramsOf(v, "piecewise")).filter((p) => n(p, "step") === n(p, "b0") || n(p, "step") === n(p, "b1")).length;
    expect(onBoundary).toBeGreaterThan(50);
  });

  it("overfitting: the early-stopping lists always stop inside the list and trap the 'lower than last epoch' rule", () => {
    const quiz = quizOf("overfitting");
    const spec = SPECS.overfitting as QuizSpec;
    for (let seed = 0; seed < 300; seed++) {
      const p = paramsOf(createVariant(quiz, seed), "stop-epoch");
      const stop = Number(spec.right["stop-epoch"]?.answer(p));
      expect(stop).toBeLessThan(lossesOf(p).length);
      expect(spec.wrong["stop-epoch"]?.(p)).not.toBe(stop);
    }
  });

  it("output-activation: every task pool offers several descriptions", () => {
    const quiz = quizOf("output-activation");
    for (const questionId of ["regression", "binary", "multi-class", "multi-label"]) {
      const tasks = new Set(Array.from({ length: 100 }, (_, i) => paramsOf(createVariant(quiz, i), questionId).task));
      expect(tasks.size, questionId).toBeGreaterThanOrEqual(4);
    }
  });
});
