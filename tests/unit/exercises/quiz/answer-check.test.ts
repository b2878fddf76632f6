import { describe, expect, it } from "vitest";
import { checkQuizAnswers } from "@/lib/exercises/quiz/answer-check";
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
