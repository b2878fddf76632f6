import { describe, expect, it } from "vitest";
import { checkAnswerShapes, checkQuizAnswers } from "@/lib/exercises/quiz/answer-check";
import { stepsQuiz } from "./fixtures";

const complete = { steps: "469", lr: "0.05", output: "b", adam: ["m1"] };

describe("checkQuizAnswers", () => {
  it("accepts a submission with every question answered in a readable form", () => {
    expect(checkQuizAnswers(stepsQuiz, complete)).toEqual({ ok: true });
    expect(checkQuizAnswers(stepsQuiz, { ...complete, steps: "115 056", lr: "1.15e-2" })).toEqual({ ok: true });
    expect(checkQuizAnswers(stepsQuiz, { ...complete, steps: 469 })).toEqual({ ok: true });
  });

  it("refuses an empty submission, naming every question", () => {
    const result = checkQuizAnswers(stepsQuiz, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(result.message).toBe("Nothing was submitted and no attempt was used. Answer questions 1, 2, 3 and 4 too.");
  });

  it("treats blank strings and empty selections as unanswered", () => {
    const result = checkQuizAnswers(stepsQuiz, { ...complete, steps: "  ", adam: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("Answer questions 1 and 4 too.");
  });

  it("names the question of an ambiguous or non-numeric answer and says how to write it", () => {
    const result = checkQuizAnswers(stepsQuiz, { ...complete, steps: "115,056", lr: "35 epochs" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.questionId)).toEqual(["steps", "lr"]);
    expect(result.message).toContain('Question 1: "115,056" has a comma, which could mean 115056 or 115.056');
    expect(result.message).toContain('Question 2: Write only the number, without a unit: 35 rather than "35 epochs".');
    expect(result.message).not.toContain("Answer question");
  });

  it("refuses choices that are not the question's and answers to unknown questions", () => {
    const foreign = checkQuizAnswers(stepsQuiz, { ...complete, output: "z" });
    expect(foreign).toMatchObject({ ok: false, problems: [{ questionId: "output", number: 3 }] });
    expect(checkQuizAnswers(stepsQuiz, { ...complete, output: ["b"] })).toMatchObject({ ok: false, problems: [{ questionId: "output" }] });
    expect(checkQuizAnswers(stepsQuiz, { ...complete, extra: "1" })).toMatchObject({ ok: false, message: expect.stringContaining("Reload") });
  });
});

describe("checkAnswerShapes", () => {
  it("accepts this quiz's ids with answers of each question's shape, blanks included", () => {
    expect(checkAnswerShapes(stepsQuiz, complete)).toMatchObject({ ok: true, answers: complete });
    expect(checkAnswerShapes(stepsQuiz, { steps: null, adam: [] })).toMatchObject({ ok: true });
  });

  it("refuses nested values, objects and overlong lists, naming the question", () => {
    const deep = JSON.parse(`${"[".repeat(3000)}${"]".repeat(3000)}`);
    const result = checkAnswerShapes(stepsQuiz, { ...complete, steps: deep, output: { id: "b" }, adam: Array.from({ length: 50 }, () => "m1") });
    expect(result).toMatchObject({ ok: false, problems: [{ questionId: "steps", number: 1 }, { questionId: "output", number: 3 }, { questionId: "adam", number: 4 }] });
    expect(result.ok ? "" : result.message).toContain("Question 1: Enter a number.");
    expect(result.ok ? "" : result.message).toContain("Question 3: Pick one choice.");
    expect(result.ok ? "" : result.message).toContain("Question 4: Send the chosen choices as a list.");
  });

  it("refuses unknown question ids, control characters and answers that are no object", () => {
    expect(checkAnswerShapes(stepsQuiz, { ...complete, zzz: "1" })).toMatchObject({ ok: false, message: expect.stringContaining("Reload") });
    expect(checkAnswerShapes(stepsQuiz, { ...complete, steps: "46\u00009" })).toMatchObject({ ok: false, problems: [{ questionId: "steps" }] });
    expect(checkAnswerShapes(stepsQuiz, ["469"])).toMatchObject({ ok: false });
    expect(checkAnswerShapes(stepsQuiz, "469")).toMatchObject({ ok: false });
  });
});
