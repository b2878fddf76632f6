/**
 * The network-topology quiz: an answer sheet computed here — by tfjs' own countParams, independently of
 * the package's `answer` functions — scores full marks on seeded variants, each typical mistake loses the
 * question it concerns, the seeded variants cover every answer and trap the mistakes they are meant to,
 * the student view carries no answers, and the prompt's figure is the parameter count it claims.
 */
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPackage, type QuizPackage } from "@/lib/exercises/loader";
import { createVariant, gradeQuiz, quizSeed, renderableQuiz, type Params, type QuizVariant } from "@/lib/exercises/quiz";
import { renderInlineWithReport, renderPromptWithReport } from "@/lib/exercises/render";
import { plotSeries } from "./plot-blocks";

const ROOT = path.resolve(__dirname, "../../../exercises");
const ID = "network-topology";
const USERS = ["alice@example.org", "bob@example.org", "user-4711", "carol@example.org"];

const n = (p: Params, name: string): number => {
  const value = p[name];
  if (typeof value !== "number") throw new Error(`param ${name} is not a number: ${String(value)}`);
  return value;
};
const list = (p: Params, name: string): number[] => String(p[name]).split(",").map((s) => Number(s.trim()));

const counted = new Map<string, number>();
/** tfjs builds the Dense stack and counts its parameters (memoised; zero initialisers keep it fast). */
function countParams(inputs: number, units: number[]): number {
  const key = `${inputs}:${units.join(",")}`;
  const known = counted.get(key);
  if (known !== undefined) return known;
  const model = tf.sequential();
  units.forEach((u, i) => model.add(tf.layers.dense({ units: u, kernelInitializer: "zeros", ...(i === 0 ? { inputShape: [inputs] } : {}) })));
  const count = model.countParams();
  model.dispose();
  counted.set(key, count);
  return count;
}
/** The same count with the biases forgotten: the kernels only. */
const kernelsOnly = (inputs: number, units: number[]): number => units.reduce((sum, u, i) => sum + (i === 0 ? inputs : (units[i - 1] ?? 0)) * u, 0);

function fits(p: Params, count: (inputs: number, units: number[]) => number): string {
  const [inputs, classes, budget] = [n(p, "inputs"), n(p, "classes"), n(p, "budget")];
  const a = count(inputs, [n(p, "a"), classes]) <= budget;
  const b = count(inputs, [n(p, "b"), n(p, "b"), classes]) <= budget;
  return a && b ? "both" : a ? "only-a" : b ? "only-b" : "neither";
}

function wideOrDeep(p: Params): string {
  const [inputs, classes, k] = [n(p, "inputs"), n(p, "classes"), n(p, "k")];
  const wide = countParams(inputs, [2 * k, classes]);
  const deep = countParams(inputs, [k, k, classes]);
  return wide > deep ? "wide" : deep > wide ? "deep" : "same";
}

/** Growth from inserting Dense(k) before the output layer: the two models counted, and subtracted. */
const growth = (p: Params): number =>
  countParams(n(p, "inputs"), [n(p, "h1"), n(p, "h2"), n(p, "k"), n(p, "classes")]) - countParams(n(p, "inputs"), [n(p, "h1"), n(p, "h2"), n(p, "classes")]);

const RIGHT: Record<string, (p: Params) => unknown> = {
  count: (p) => countParams(n(p, "inputs"), [...list(p, "hidden"), n(p, "classes")]),
  "extra-layer": growth,
  budget: (p) => fits(p, countParams),
  "wider-or-deeper": wideOrDeep,
  "depth-width": () => ["a", "b", "c"],
  "no-best": () => "a",
};

/** Typical mistakes, each changing the one question it concerns. */
const MISTAKES: Record<string, [string, (p: Params) => unknown]> = {
  "forgets the biases": ["count", (p) => kernelsOnly(n(p, "inputs"), [...list(p, "hidden"), n(p, "classes")])],
  "forgets the output layer": ["count", (p) => countParams(n(p, "inputs"), list(p, "hidden"))],
  "counts the input as a layer with biases": ["count", (p) => countParams(n(p, "inputs"), [...list(p, "hidden"), n(p, "classes")]) + n(p, "inputs")],
  "counts only the new layer": ["extra-layer", (p) => n(p, "h2") * n(p, "k") + n(p, "k")],
  "adds a layer but keeps the old output layer": ["extra-layer", (p) => n(p, "h2") * n(p, "k") + n(p, "k") + n(p, "k") * n(p, "classes") + n(p, "classes")],
  "judges the budget without biases": ["budget", (p) => fits(p, kernelsOnly)],
  "takes the same number of units for the same number of parameters": ["wider-or-deeper", () => "same"],
  "thinks depth always wins": ["depth-width", () => ["a", "b", "c", "d"]],
  "thinks only the parameter count matters": ["depth-width", () => ["b", "e"]],
  "picks by training loss": ["no-best", () => "d"],
  "picks on the test set": ["no-best", () => "e"],
};

let pkg: QuizPackage;
let warnings: string[] = [];
beforeAll(async () => {
  const loaded = await loadPackage(ID, ROOT);
  if (!loaded.ok) throw new Error(loaded.errors.join("; "));
  if (loaded.pkg.kind !== "quiz") throw new Error(`${ID} is not a quiz`);
  pkg = loaded.pkg;
  warnings = loaded.warnings;
});

const paramsOf = (variant: QuizVariant, questionId: string): Params => variant.questions[questionId]?.params ?? {};
const variantOf = (seed: number): QuizVariant => createVariant(pkg.quiz, seed);
const rightSheet = (variant: QuizVariant) => Object.fromEntries(pkg.quiz.questions.map((q) => [q.id, RIGHT[q.id]?.(paramsOf(variant, q.id))]));

describe("network-topology quiz", () => {
  it("loads without warnings, the sheet covers every question, and the points add up", () => {
    expect(warnings).toEqual([]);
    expect(pkg.exercise).toMatchObject({ id: ID, kind: "quiz", topic: "Topology" });
    expect(pkg.quiz.questions.map((q) => q.id).sort()).toEqual(Object.keys(RIGHT).sort());
    expect(pkg.exercise.points).toBe(pkg.quiz.questions.reduce((sum, q) => sum + q.points, 0));
  });

  it.each(USERS)("scores a sheet computed with tfjs at full marks for %s", (user) => {
    const variant = createVariant(pkg.quiz, quizSeed(user, ID));
    const grade = gradeQuiz(pkg.quiz, variant, rightSheet(variant));
    expect(grade.questions.filter((q) => q.status !== "correct")).toEqual([]);
    expect(grade.score).toBe(1);
  });

  it("scores full marks on 150 seeded variants, counts written with spaces as digit groups too", () => {
    for (let seed = 0; seed < 150; seed++) {
      const variant = variantOf(seed);
      const sheet = rightSheet(variant);
      expect(gradeQuiz(pkg.quiz, variant, sheet).score, `seed ${seed}`).toBe(1);
      const spaced = { ...sheet, count: Number(sheet.count).toLocaleString("fr-FR").replace(/\s/g, " ") };
      expect(gradeQuiz(pkg.quiz, variant, spaced).score, `seed ${seed}: ${spaced.count}`).toBe(1);
    }
  });

  it.each(Object.entries(MISTAKES))("a student who %s loses that question whenever it changes the answer", (_mistake, [questionId, answer]) => {
    let lost = 0;
    for (let seed = 0; seed < 100; seed++) {
      const variant = variantOf(seed);
      const sheet = rightSheet(variant);
      const wrong = answer(paramsOf(variant, questionId));
      const grade = gradeQuiz(pkg.quiz, variant, { ...sheet, [questionId]: wrong });
      const status = grade.questions.find((q) => q.questionId === questionId)?.status;
      if (JSON.stringify(wrong) === JSON.stringify(sheet[questionId])) {
        expect(status, `seed ${seed}`).toBe("correct");
      } else {
        expect(status, `seed ${seed}`).not.toBe("correct");
        expect(grade.score).toBeLessThan(1);
        lost++;
      }
    }
    // Each mistake must actually cost marks in most variants, or the question does not test it.
    expect(lost).toBeGreaterThan(75);
  });

  it("varies the budget question over its answers and always traps the forgotten biases", () => {
    const answers = new Map<string, number>();
    for (let seed = 0; seed < 400; seed++) {
      const p = paramsOf(variantOf(seed), "budget");
      const right = fits(p, countParams);
      answers.set(right, (answers.get(right) ?? 0) + 1);
      if (right !== "both") expect(fits(p, kernelsOnly), `seed ${seed}`).not.toBe(right);
    }
    expect(answers.get("only-a")).toBeGreaterThan(20);
    expect(answers.get("only-b")).toBeGreaterThan(20);
    expect(answers.get("both")).toBeGreaterThan(40);
    expect(answers.get("neither")).toBeGreaterThan(40);
  });

  it("sometimes makes the wide network bigger, sometimes the deep one, and sometimes neither", () => {
    const answers = new Set(Array.from({ length: 400 }, (_, seed) => wideOrDeep(paramsOf(variantOf(seed), "wider-or-deeper"))));
    expect([...answers].sort()).toEqual(["deep", "same", "wide"]);
  });

  it("always makes the model grow when a layer is inserted, with several hidden-layer counts in the count question", () => {
    const depths = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const variant = variantOf(seed);
      expect(growth(paramsOf(variant, "extra-layer"))).toBeGreaterThan(0);
      depths.add(list(paramsOf(variant, "count"), "hidden").length);
    }
    expect([...depths].sort()).toEqual([1, 2, 3]);
  });

  it("gives each user a stable variant of their own", () => {
    const [alice, bob] = USERS.map((user) => createVariant(pkg.quiz, quizSeed(user, ID)));
    expect(createVariant(pkg.quiz, quizSeed(USERS[0] ?? "", ID))).toEqual(alice);
    expect(JSON.parse(JSON.stringify(alice))).toEqual(alice);
    expect(alice).not.toEqual(bob);
  });

  it("keeps answers out of the student view", () => {
    for (const user of USERS) {
      const variant = createVariant(pkg.quiz, quizSeed(user, ID));
      const view = renderableQuiz(pkg.quiz, variant);
      const json = JSON.stringify(view);
      expect(json).not.toMatch(/"(correct|answer|atol|rtol|explanation|params|choiceOrder)"/);
      for (const questionId of ["count", "extra-layer"]) {
        const value = Number(RIGHT[questionId]?.(paramsOf(variant, questionId)));
        expect(json, `${questionId} shows ${value}`).not.toMatch(new RegExp(`(?<![\\d.])${value}(?![\\d])`));
      }
    }
  });

  it("renders the prompt, every question, choice and explanation without problems", () => {
    expect(renderPromptWithReport(pkg.prompt).problems).toEqual([]);
    for (const user of USERS) {
      const variant = createVariant(pkg.quiz, quizSeed(user, ID));
      for (const question of pkg.quiz.questions) {
        const params = paramsOf(variant, question.id);
        expect(renderPromptWithReport(question.prompt, { params }).problems, question.id).toEqual([]);
        expect(renderPromptWithReport(question.explanation ?? "", { params }).problems, question.id).toEqual([]);
        if (question.kind !== "numeric") for (const choice of question.choices) expect(renderInlineWithReport(choice.text, { params }).problems).toEqual([]);
      }
    }
  });

  it("draws the parameter counts it describes: tfjs' countParams for 784 inputs, 10 classes, one and two hidden layers", () => {
    const [one, two] = plotSeries(pkg.prompt, "Parameters of a classifier on 784 inputs with 10 classes");
    const widths = Array.from({ length: 16 }, (_, i) => 16 * (i + 1));
    expect(one).toEqual({ start: 16, step: 16, data: widths.map((w) => countParams(784, [w, 10])) });
    expect(two).toEqual({ start: 16, step: 16, data: widths.map((w) => countParams(784, [w, w, 10])) });
    expect(pkg.prompt).toContain(`= ${String(countParams(784, [128, 10])).replace(/(\d{3})$/, "\\,$1")}.$$`);
  });
});
