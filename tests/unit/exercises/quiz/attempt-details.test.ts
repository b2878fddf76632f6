import { describe, expect, it } from "vitest";
import { createVariant } from "@/lib/exercises/quiz";
import { answeredQuestions, releasedExplanations, storedVariant } from "@/lib/exercises/quiz/attempt-details";
import { stepsQuiz } from "./fixtures";

const variant = createVariant(stepsQuiz, 7);

describe("answeredQuestions", () => {
  it("shows choices by their text, in the order the student saw them, and numbers as typed", () => {
    const answers = answeredQuestions(stepsQuiz, variant, { steps: "115 056", output: "b", adam: ["m4", "m1"] });
    expect(answers[0]).toEqual({ questionId: "steps", number: 1, text: "115 056" });
    expect(answers[1]).toEqual({ questionId: "lr", number: 2, text: "" });
    expect(answers[2]).toEqual({ questionId: "output", number: 3, choicesHtml: ["softmax"] });
    const order = variant.questions.adam?.choiceOrder ?? [];
    const expected = order.filter((id) => id === "m1" || id === "m4").map((id) => (id === "m1" ? "a moving average of gradients (momentum)" : "an ever-growing accumulator"));
    expect(answers[3]?.choicesHtml).toEqual(expected);
  });
});

describe("releasedExplanations", () => {
  it("renders each explanation under the attempt's own params", () => {
    const p = variant.questions.steps?.params ?? {};
    const explanations = releasedExplanations(stepsQuiz, variant);
    expect(explanations.get("steps")).toContain(`⌈${p.n} / ${p.b}⌉`);
    expect(explanations.get("output")).toContain("Softmax turns logits");
    expect(explanations.has("lr")).toBe(false);
  });
});

describe("storedVariant", () => {
  it("uses the stored variant and redraws from the seed only when none was stored", () => {
    const stored = JSON.parse(JSON.stringify(variant));
    expect(storedVariant(stepsQuiz, stored, 99)).toEqual(variant);
    expect(storedVariant(stepsQuiz, null, 7)).toEqual(variant);
  });
});
