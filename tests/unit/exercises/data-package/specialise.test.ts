import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPackageFiles } from "@/lib/exercises/catalogue";
import { parseDataPackage } from "@/lib/exercises/data-package/parse";
import { specialiseQuiz } from "@/lib/exercises/data-package/specialise";
import { EXERCISE_KINDS } from "@/lib/exercises/kinds";
import { quizAnswerKey } from "@/lib/exercises/kinds/quiz";
import { createRng, createVariant, gradeQuiz, hash32 } from "@/lib/exercises/quiz";
import type { QuizKindPackage } from "@/lib/exercises/package";

function biasQuiz(): QuizKindPackage {
  const parsed = parseDataPackage("bias-quiz", readPackageFiles(path.resolve("tests/fixtures/data-packages/bias-quiz")));
  if (!parsed.ok || parsed.pkg.kind !== "quiz") throw new Error("fixture does not parse");
  return parsed.pkg;
}

/** What the sandbox computes for the fixture's checks.ts, done here with the same rng and seed derivation. */
function computedFor(seed: number) {
  const rng = createRng(hash32(`${seed >>> 0}:factor`));
  const params = { beta1: rng.pick([0.8, 0.9, 0.95]), t: rng.int(2, 20) };
  return { questions: { factor: { params, answer: 1 / (1 - params.beta1 ** params.t) } } };
}

describe("specialiseQuiz", () => {
  it("makes the quiz's sync code work for the seed it was computed for", () => {
    const seed = 4242;
    const computed = computedFor(seed);
    const pkg = specialiseQuiz(biasQuiz(), computed);
    const variant = createVariant(pkg.quiz, seed);
    expect(variant.questions.factor?.params).toEqual(computed.questions.factor.params);
    const key = quizAnswerKey(pkg, variant);
    expect(key.factor).toBe(String(computed.questions.factor.answer));
    expect(gradeQuiz(pkg.quiz, variant, key).score).toBe(1);
    expect(gradeQuiz(pkg.quiz, variant, { why: "b", factor: "1" }).score).toBe(0);
    const grading = EXERCISE_KINDS.quiz.grading;
    expect(grading.grade(pkg, seed, grading.answerKey(pkg, seed)).score).toBe(1);
    const view = EXERCISE_KINDS.quiz.studentView(pkg, "user-1", "<p>x</p>");
    expect(JSON.stringify(view)).toContain(`\\beta_1 = ${computed.questions.factor.params.beta1}`);
  });

  it("keeps static questions as they are and refuses a sandboxed question with nothing computed", () => {
    const pkg = biasQuiz();
    const specialised = specialiseQuiz(pkg, computedFor(1));
    expect(specialised.quiz.questions[0]).toBe(pkg.quiz.questions[0]);
    expect(() => specialiseQuiz(pkg, { questions: {} })).toThrow('question "factor": the sandbox computed nothing for it');
    expect(() => specialiseQuiz(pkg, { questions: { factor: { params: { t: 2 } } } })).toThrow("computed no answer");
  });

  it("leaves a wrongly typed computed answer to the quiz's own key check", () => {
    const pkg = specialiseQuiz(biasQuiz(), { questions: { factor: { params: { beta1: 0.9, t: 2 }, answer: "x" } } });
    expect(() => EXERCISE_KINDS.quiz.grading.answerKey(pkg, 1)).not.toThrow();
    expect(quizAnswerKey(pkg, createVariant(pkg.quiz, 1)).factor).toBeUndefined();
  });
});
