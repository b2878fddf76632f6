import { describe, expect, it } from "vitest";
import { QuizSchema, QuizVariantSchema, createVariant, renderableQuiz, type Rng } from "@/lib/exercises/quiz";
import { stepsQuiz } from "./fixtures";

describe("renderableQuiz", () => {
  it("fills the student's numbers into the prompts", () => {
    const variant = createVariant(stepsQuiz, 5);
    const view = renderableQuiz(stepsQuiz, variant);
    const steps = view.questions.find((q) => q.id === "steps");
    expect(steps?.promptHtml).toContain(`${variant.questions.steps?.params.n} samples`);
    expect(steps?.promptHtml).not.toContain("{{");
    expect(steps).toMatchObject({ kind: "numeric", unit: "steps", points: 1 });
  });

  it("never contains answers, correct flags, tolerances, params or explanations", () => {
    for (let seed = 0; seed < 50; seed++) {
      const variant = createVariant(stepsQuiz, seed);
      const json = JSON.stringify(renderableQuiz(stepsQuiz, variant));
      const p = variant.questions.steps?.params ?? {};
      const steps = Math.ceil(Number(p.n) / Number(p.b));
      const lr = variant.questions.lr?.params ?? {};
      const rate = Number(lr.lr0) * Number(lr.rate) ** (Number(lr.step) / 1000);
      // Whole numbers only: the answer's digits may occur inside a larger prompt number by chance.
      expect(json).not.toMatch(new RegExp(`(?<![\\d.])${steps}(?![\\d.])`));
      expect(json).not.toContain(String(rate));
      expect(json).not.toContain(rate.toPrecision(4));
      expect(json).not.toMatch(/"(correct|rtol|atol|params|answer|explanation|choiceOrder|seed)"/);
      expect(json).not.toContain("distribution over classes");
    }
  });

  it("does not leak a per-variant choice key", () => {
    const quiz = QuizSchema.parse({
      questions: [
        {
          id: "bigger",
          kind: "single",
          prompt: "Which is bigger, {{a}} or {{b}}?",
          params: (rng: Rng) => ({ a: rng.int(1, 50), b: rng.int(51, 99) }),
          choices: [
            { id: "x", text: "{{a}}" },
            { id: "y", text: "{{b}}" },
          ],
          answer: () => "y",
          explanation: "The secret reason.",
        },
      ],
    });
    const json = JSON.stringify(renderableQuiz(quiz, createVariant(quiz, 3)));
    expect(json).not.toContain("secret");
    expect(json).not.toMatch(/correct|answer/);
    expect(Object.keys(JSON.parse(json).questions[0]).sort()).toEqual(["choices", "id", "kind", "points", "promptHtml"]);
  });

  it("shows shuffled choices in the stored order and others as authored", () => {
    const variant = createVariant(stepsQuiz, 17);
    const view = renderableQuiz(stepsQuiz, variant);
    const adam = view.questions.find((q) => q.id === "adam");
    const output = view.questions.find((q) => q.id === "output");
    expect(adam && "choices" in adam ? adam.choices.map((c) => c.id) : []).toEqual(variant.questions.adam?.choiceOrder);
    expect(output && "choices" in output ? output.choices.map((c) => c.id) : []).toEqual(["a", "b", "c"]);
    expect(output && "choices" in output ? output.choices[1]?.html : "").toBe("softmax");
  });

  it("is the same after a reload from the stored JSON variant", () => {
    const variant = createVariant(stepsQuiz, 77);
    const stored: unknown = JSON.parse(JSON.stringify(variant));
    expect(renderableQuiz(stepsQuiz, variant)).toEqual(renderableQuiz(stepsQuiz, QuizVariantSchema.parse(stored)));
  });
});
