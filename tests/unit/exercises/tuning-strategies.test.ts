/**
 * The tuning-strategies quiz, checked like the catalogue's other quizzes (tests/unit/exercises/quiz-packages.test.ts):
 * an answer sheet computed here — independently of the package's `answer` functions and `correct` flags —
 * scores full marks on seeded variants, typical mistakes do not, variants are per user and stable, the
 * student view carries no answers, everything renders, and the prompt's plot is the one the code draws.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPackage, type QuizPackage } from "@/lib/exercises/loader";
import { createVariant, gradeQuiz, quizSeed, renderableQuiz, type Params, type Quiz, type QuizVariant } from "@/lib/exercises/quiz";
import { renderInlineWithReport, renderPromptWithReport } from "@/lib/exercises/render";
import { parsePlotBlockText } from "@/lib/exercises/render/plot/block-parser";
import { GRID_LOG_LRS, valleyLoss, valleyPlot } from "../../../exercises/tuning-strategies/exercise";

const ID = "tuning-strategies";
const ROOT = path.resolve(__dirname, "../../../exercises");
const USERS = ["alice@example.org", "bob@example.org", "user-4711"];

/** The number of values in each "{…}" of a grid description, counted from the text. */
const valueCounts = (p: Params): number[] => [...String(p.grid).matchAll(/\{([^}]*)\}/g)].map((m) => (m[1] ?? "").split(",").length);
const budget = (p: Params): number => Number(p.budget);

const RIGHT: Record<string, (p: Params) => unknown> = {
  "grid-size": (p) => valueCounts(p).reduce((a, b) => a * b, 1),
  "grid-distinct": (p) => Math.sqrt(budget(p)),
  "random-distinct": (p) => budget(p),
  "why-random": () => "a",
  bayesian: () => "a",
  "keras-tuners": () => ["a", "b", "c", "d"],
  hyperband: () => "a",
  "which-data": () => "a",
  "test-leak": () => "a",
};
/** Questions whose numeric answer is computed (it must not stand in the student's view). */
const COMPUTED = ["grid-size", "grid-distinct"];

const WRONG: Record<string, (p: Params) => unknown> = {
  // the sum instead of the product; "the grid tries every budgeted value"; random "as few as the grid"
  "grid-size": (p) => valueCounts(p).reduce((a, b) => a + b, 0),
  "grid-distinct": (p) => budget(p),
  "random-distinct": (p) => Math.sqrt(budget(p)),
  "keras-tuners": () => ["a", "b", "c", "d", "e"],
  bayesian: () => "c",
  "which-data": () => "b",
  "test-leak": () => "b",
};

let pkg: QuizPackage;
let warnings: string[];

beforeAll(async () => {
  const loaded = await loadPackage(ID, ROOT);
  if (!loaded.ok) throw new Error(loaded.errors.join("; "));
  if (loaded.pkg.kind !== "quiz") throw new Error(`${ID} is not a quiz`);
  pkg = loaded.pkg;
  warnings = loaded.warnings;
});

const quiz = (): Quiz => pkg.quiz;
const paramsOf = (variant: QuizVariant, questionId: string): Params => variant.questions[questionId]?.params ?? {};
const sheet = (variant: QuizVariant, keys: Record<string, (p: Params) => unknown>) =>
  Object.fromEntries(quiz().questions.map((q) => [q.id, keys[q.id]?.(paramsOf(variant, q.id))]));

describe("quiz package tuning-strategies", () => {
  it("loads without warnings in the new topic, and the test covers every question", () => {
    expect(warnings).toEqual([]);
    expect(pkg.exercise).toMatchObject({ id: ID, kind: "quiz", topic: "Hyperparameter search" });
    expect(quiz().questions.map((q) => q.id).sort()).toEqual(Object.keys(RIGHT).sort());
    expect(pkg.exercise.points).toBe(quiz().questions.reduce((sum, q) => sum + q.points, 0));
  });

  it.each(USERS)("scores a right answer sheet at full marks for %s", (user) => {
    const variant = createVariant(quiz(), quizSeed(user, ID));
    const grade = gradeQuiz(quiz(), variant, sheet(variant, RIGHT));
    expect(grade.questions.filter((q) => q.status !== "correct")).toEqual([]);
    expect(grade.score).toBe(1);
  });

  it.each(USERS)("accepts numeric answers typed as strings for %s", (user) => {
    const variant = createVariant(quiz(), quizSeed(user, ID));
    const answers = sheet(variant, RIGHT);
    for (const id of ["grid-size", "grid-distinct", "random-distinct"]) answers[id] = String(answers[id]);
    expect(gradeQuiz(quiz(), variant, answers).score).toBe(1);
  });

  it.each(USERS)("scores typical mistakes below full marks, each on its own question, for %s", (user) => {
    const variant = createVariant(quiz(), quizSeed(user, ID));
    const answers = { ...sheet(variant, RIGHT) };
    for (const [id, mistake] of Object.entries(WRONG)) answers[id] = mistake(paramsOf(variant, id));
    const grade = gradeQuiz(quiz(), variant, answers);
    expect(grade.score).toBeLessThan(1);
    for (const feedback of grade.questions) {
      expect(feedback.status, feedback.questionId).toBe(feedback.questionId in WRONG ? (feedback.questionId === "keras-tuners" ? "partial" : "incorrect") : "correct");
    }
  });

  it("gives each user a stable variant, different from another user's", () => {
    const [alice, bob] = USERS.map((user) => createVariant(quiz(), quizSeed(user, ID)));
    if (!alice || !bob) throw new Error("no users");
    expect(createVariant(quiz(), quizSeed(USERS[0] ?? "", ID))).toEqual(alice);
    expect(JSON.parse(JSON.stringify(alice))).toEqual(alice);
    const seeded = (v: QuizVariant) => quiz().questions.filter((q) => q.params).map((q) => paramsOf(v, q.id));
    expect(seeded(alice).length).toBe(3);
    expect(seeded(alice)).not.toEqual(seeded(bob));
  });

  it("keeps answers out of the student view", () => {
    for (const user of USERS) {
      const variant = createVariant(quiz(), quizSeed(user, ID));
      const view = renderableQuiz(quiz(), variant);
      expect(JSON.stringify(view)).not.toMatch(/"(correct|answer|atol|rtol|explanation|params|choiceOrder)"/);
      for (const id of COMPUTED) {
        const value = String(RIGHT[id]?.(paramsOf(variant, id)));
        const own = JSON.stringify(view.questions.find((q) => q.id === id));
        expect(own, `${id} shows ${value}`).not.toMatch(new RegExp(`(?<![\\d.])${value}(?![\\d.])`));
      }
    }
  });

  it("renders every prompt, choice and explanation without problems", () => {
    expect(renderPromptWithReport(pkg.prompt).problems).toEqual([]);
    for (const user of USERS) {
      const variant = createVariant(quiz(), quizSeed(user, ID));
      for (const question of quiz().questions) {
        const params = paramsOf(variant, question.id);
        expect(renderPromptWithReport(question.prompt, { params }).problems, question.id).toEqual([]);
        expect(renderPromptWithReport(question.explanation ?? "", { params }).problems, question.id).toEqual([]);
        if (question.kind !== "numeric") for (const choice of question.choices) expect(renderInlineWithReport(choice.text, { params }).problems, choice.id).toEqual([]);
      }
    }
  });
});

describe("tuning-strategies seeded content and plot", () => {
  it("grid-size: 3- and 4-parameter grids of 2 to 5 values, the count never among the values shown", () => {
    const sizes = new Set<number>();
    for (let seed = 0; seed < 300; seed++) {
      const p = paramsOf(createVariant(quiz(), seed), "grid-size");
      const counts = valueCounts(p);
      sizes.add(counts.length);
      for (const c of counts) expect(c).toBeGreaterThanOrEqual(2);
      for (const c of counts) expect(c).toBeLessThanOrEqual(5);
      const trials = counts.reduce((a, b) => a * b, 1);
      expect(String(p.grid).split(/[{}, ;]+/).map(Number)).not.toContain(trials);
    }
    expect([...sizes].sort()).toEqual([3, 4]);
  });

  it("budgets are squares, so that a square grid uses all of them", () => {
    for (let seed = 0; seed < 100; seed++) {
      const v = createVariant(quiz(), seed);
      for (const id of ["grid-distinct", "random-distinct"]) expect(Number.isInteger(Math.sqrt(budget(paramsOf(v, id))))).toBe(true);
    }
  });

  it("the prompt and the plot question show the plot the code draws, and the grid misses the valley", () => {
    const block = valleyPlot();
    expect(pkg.prompt).toContain(block);
    expect(quiz().questions.find((q) => q.id === "why-random")?.prompt).toContain(block);
    const parsed = parsePlotBlockText(block.replace(/^```plot\n|```$/g, ""));
    if (!parsed.ok) throw new Error(parsed.error);
    const [series] = parsed.value.series as { data: number[]; start: number; step: number }[];
    series?.data.forEach((y, i) => expect(y).toBeCloseTo(valleyLoss(series.start + i * series.step), 4));
    const best = Math.min(...(series?.data ?? []));
    expect(Math.min(...GRID_LOG_LRS.map(valleyLoss))).toBeGreaterThan(best + 0.3);
  });
});
