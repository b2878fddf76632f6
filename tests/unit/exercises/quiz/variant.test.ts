import { describe, expect, it } from "vitest";
import { QuizSchema, QuizVariantSchema, createVariant, quizSeed } from "@/lib/exercises/quiz";
import { stepsQuiz, stepsQuizInput } from "./fixtures";

describe("createVariant", () => {
  it("is deterministic for a seed and plain JSON", () => {
    const seed = quizSeed("student-1", "steps-per-epoch");
    const a = createVariant(stepsQuiz, seed);
    const b = createVariant(stepsQuiz, seed);
    expect(a).toEqual(b);
    const roundTrip: unknown = JSON.parse(JSON.stringify(a));
    expect(QuizVariantSchema.parse(roundTrip)).toEqual(a);
  });

  it("gives different students different numbers", () => {
    const ns = new Set<unknown>();
    for (let i = 0; i < 200; i++) ns.add(createVariant(stepsQuiz, quizSeed(`user-${i}`, "steps-per-epoch")).questions.steps?.params.n);
    expect(ns.size).toBeGreaterThan(190);
    const a = createVariant(stepsQuiz, quizSeed("alice", "steps-per-epoch"));
    const b = createVariant(stepsQuiz, quizSeed("bob", "steps-per-epoch"));
    expect(a.questions.steps?.params).not.toEqual(b.questions.steps?.params);
  });

  it("gives the same student different numbers on different exercises", () => {
    const a = createVariant(stepsQuiz, quizSeed("alice", "ex-1"));
    const b = createVariant(stepsQuiz, quizSeed("alice", "ex-2"));
    expect(a.questions.steps?.params).not.toEqual(b.questions.steps?.params);
  });

  it("keeps a question's numbers when other questions are added or reordered", () => {
    const seed = 1234;
    const reordered = QuizSchema.parse({ questions: [...stepsQuizInput.questions].reverse().slice(0, 3) });
    expect(createVariant(reordered, seed).questions.lr).toEqual(createVariant(stepsQuiz, seed).questions.lr);
  });

  it("stores a seeded choice order only for shuffled questions", () => {
    const variant = createVariant(stepsQuiz, 99);
    expect(variant.questions.output?.choiceOrder).toBeUndefined();
    expect([...(variant.questions.adam?.choiceOrder ?? [])].sort()).toEqual(["m1", "m2", "m3", "m4"]);
    const orders = new Set(Array.from({ length: 50 }, (_, s) => createVariant(stepsQuiz, s).questions.adam?.choiceOrder?.join()));
    expect(orders.size).toBeGreaterThan(5);
  });

  it("throws a message naming the question when params return non-JSON values", () => {
    const quiz = QuizSchema.parse({
      questions: [{ id: "bad", kind: "numeric", prompt: "{{x}}", params: () => ({ x: Number.NaN }), answer: 1 }],
    });
    expect(() => createVariant(quiz, 1)).toThrow(/question "bad"/);
  });
});
