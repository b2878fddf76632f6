import { describe, expect, it } from "vitest";
import { validateQuiz } from "@/lib/exercises/quiz";
import { stepsQuizInput } from "./fixtures";

const choices = [
  { id: "a", text: "A" },
  { id: "b", text: "B" },
];

describe("validateQuiz", () => {
  it("accepts a good quiz without errors", () => {
    const result = validateQuiz(stepsQuizInput);
    expect(result.errors).toEqual([]);
    expect(result.quiz?.questions).toHaveLength(4);
  });

  it("reports every problem, each with the question id and field", () => {
    const result = validateQuiz({
      questions: [
        { id: "q1", kind: "numeric", prompt: "What is {{x}}?", answer: Number.POSITIVE_INFINITY },
        { id: "q2", kind: "single", prompt: "Pick", choices: [{ ...choices[0], correct: true }, { ...choices[1], correct: true }] },
        { id: "q3", kind: "single", prompt: "Pick", choices },
        { id: "q4", kind: "numeric", prompt: "{{a}} and {{b}}", params: (rng: { int(lo: number, hi: number): number }) => ({ a: rng.int(1, 9) }), answer: () => 1 },
        { id: "q4", kind: "multiple", prompt: "Pick", choices },
        { id: "q6", kind: "numeric", prompt: "x", answer: () => Number.NaN },
        { id: "q7", kind: "single", prompt: "Pick", choices: [...choices, { id: "a", text: "again", correct: true }] },
        { id: "q8", kind: "multiple", prompt: "x", choices, answer: () => ["a", "zzz"] },
      ],
    });
    expect(result.quiz).toBeNull();
    const found = result.errors.map((e) => `${e.questionId}:${e.field}`);
    expect(found).toEqual(
      expect.arrayContaining(["q1:answer", "q2:choices", "q3:choices", "q4:prompt", "q4:id", "q4:choices", "q6:answer", "q7:choices[2].id", "q8:answer"]),
    );
    expect(result.errors.find((e) => e.questionId === "q4" && e.field === "prompt")?.message).toMatch(/\{\{b\}\}/);
    expect(result.errors.find((e) => e.questionId === "q1")?.message).toMatch(/finite/);
    expect(result.errors.find((e) => e.questionId === "q2")?.message).toMatch(/exactly 1/);
  });

  it("reports placeholders without params in choices and explanations", () => {
    const result = validateQuiz({
      questions: [{ id: "q", kind: "single", prompt: "Pick", explanation: "Because {{why}}", choices: [{ id: "a", text: "{{v}}", correct: true }, { id: "b", text: "no" }] }],
    });
    expect(result.errors.map((e) => e.field).sort()).toEqual(["choices[0].text", "explanation"]);
  });

  it("reports params that break for some seeds and bad param values", () => {
    const result = validateQuiz({
      questions: [
        { id: "flaky", kind: "numeric", prompt: "{{n}}", params: (rng: { int(lo: number, hi: number): number }) => ({ n: rng.int(0, 3) }), answer: (ps: { n: number }) => 1 / ps.n },
        { id: "throws", kind: "numeric", prompt: "x", params: () => { throw new Error("oops"); }, answer: 1 },
        { id: "object", kind: "numeric", prompt: "x", params: () => ({ o: { nested: 1 } }), answer: 1 },
      ],
    });
    const byId = (id: string) => result.errors.filter((e) => e.questionId === id);
    expect(byId("flaky")[0]).toMatchObject({ field: "answer", message: expect.stringMatching(/finite/) });
    expect(byId("throws")[0]).toMatchObject({ field: "params", message: expect.stringMatching(/oops/) });
    expect(byId("object")[0]?.field).toBe("params");
  });

  it("names schema errors by question id and path", () => {
    const result = validateQuiz({
      questions: [
        { id: "q1", kind: "single", prompt: "", choices: [{ id: "a", text: "only one" }] },
        { kind: "numeric", prompt: "no id", answer: 1 },
        { id: "q3", kind: "essay", prompt: "?" },
        { id: "q4", kind: "numeric", prompt: "fine", answer: 1, atol: -1 },
      ],
    });
    const found = result.errors.map((e) => `${e.questionId ?? "-"}:${e.field}`);
    expect(found).toEqual(expect.arrayContaining(["q1:prompt", "q1:choices", "-:questions[1].id", "q3:kind", "q4:atol"]));
    expect(validateQuiz({ questions: [] }).errors[0]?.field).toBe("questions");
    expect(validateQuiz("nope").errors).toHaveLength(1);
  });

  it("warns about ids that give answers away, unused and constant params", () => {
    const result = validateQuiz({
      questions: [
        { id: "q", kind: "single", prompt: "Pick", choices: [{ id: "correct", text: "x", correct: true }, { id: "b", text: "y" }] },
        { id: "p", kind: "numeric", prompt: "{{a}}", params: () => ({ a: 1, unused: 2 }), answer: 1 },
      ],
    });
    expect(result.errors).toEqual([]);
    const warned = result.warnings.map((w) => `${w.questionId}:${w.field}:${w.message}`);
    expect(warned.some((w) => w.startsWith("q:choices[0].id"))).toBe(true);
    expect(warned.some((w) => w.startsWith("p:params") && w.includes("unused"))).toBe(true);
    expect(warned.some((w) => w.startsWith("p:params") && w.includes("same values"))).toBe(true);
  });
});
