import { describe, expect, it } from "vitest";
import { QuizSchema, QuizVariantSchema, createVariant, gradeQuiz, type QuizVariant } from "@/lib/exercises/quiz";
import { stepsQuiz } from "./fixtures";

const variant = createVariant(stepsQuiz, 2024);
const p = variant.questions.steps?.params ?? {};
const stepsAnswer = Math.ceil(Number(p.n) / Number(p.b));
const lr = variant.questions.lr?.params ?? {};
const lrAnswer = Number(lr.lr0) * Number(lr.rate) ** (Number(lr.step) / 1000);

function feedback(answers: unknown, id: string) {
  const grade = gradeQuiz(stepsQuiz, variant, answers);
  const question = grade.questions.find((q) => q.questionId === id);
  if (!question) throw new Error(`no feedback for ${id}`);
  return question;
}

describe("gradeQuiz", () => {
  it("gives full marks for all right answers, weighted by points", () => {
    const grade = gradeQuiz(stepsQuiz, variant, { steps: stepsAnswer, lr: lrAnswer, output: "b", adam: ["m1", "m2", "m3"] });
    expect(grade.score).toBe(1);
    expect(grade.possible).toBe(5);
    expect(grade.questions.map((q) => q.status)).toEqual(["correct", "correct", "correct", "correct"]);
  });

  it("weights questions by points", () => {
    const grade = gradeQuiz(stepsQuiz, variant, { lr: lrAnswer });
    expect(grade.earned).toBe(2);
    expect(grade.score).toBeCloseTo(2 / 5, 12);
  });

  it("is the same for the same answers, and uses the stored variant", () => {
    const answers = { steps: String(stepsAnswer), output: "a", adam: ["m1", "m4"] };
    const stored = QuizVariantSchema.parse(JSON.parse(JSON.stringify(variant)));
    expect(gradeQuiz(stepsQuiz, stored, answers)).toEqual(gradeQuiz(stepsQuiz, variant, answers));
    const other = createVariant(stepsQuiz, 1);
    expect(gradeQuiz(stepsQuiz, other, { steps: stepsAnswer }).questions[0]?.status).toBe("incorrect");
  });

  it("grades a variant's stored params even if the seed would draw others", () => {
    const tampered: QuizVariant = { ...variant, seed: 1 };
    expect(feedback({ steps: stepsAnswer }, "steps").status).toBe("correct");
    expect(gradeQuiz(stepsQuiz, tampered, { steps: stepsAnswer }).questions[0]?.status).toBe("correct");
  });

  describe("numeric", () => {
    it("accepts numeric strings, grouped digits and exponent notation", () => {
      expect(feedback({ steps: `${stepsAnswer}` }, "steps").status).toBe("correct");
      expect(feedback({ steps: `${stepsAnswer}e0` }, "steps").status).toBe("correct");
      expect(feedback({ lr: lrAnswer.toExponential(5) }, "lr").status).toBe("correct");
    });

    it("uses |a − b| ≤ atol + rtol·|b| with the question's rtol", () => {
      expect(feedback({ lr: lrAnswer * (1 + 0.999e-3) }, "lr").status).toBe("correct");
      expect(feedback({ lr: lrAnswer * (1 - 0.999e-3) }, "lr").status).toBe("correct");
      expect(feedback({ lr: lrAnswer * (1 + 1.01e-3) }, "lr").status).toBe("incorrect");
      expect(feedback({ steps: stepsAnswer + 1 }, "steps").status).toBe("incorrect");
      expect(feedback({ steps: stepsAnswer - 1 }, "steps").message).toBe("Incorrect.");
    });

    it("scores malformed values 0 with a message instead of throwing", () => {
      for (const bad of ["1,875", "NaN", "Infinity", "ten", {}, [1], true]) {
        const f = feedback({ steps: bad }, "steps");
        expect(f.status).toBe("invalid");
        expect(f.score).toBe(0);
        expect(f.message.length).toBeGreaterThan(5);
      }
      expect(feedback({ steps: Number.NaN }, "steps").status).toBe("invalid");
      expect(feedback({ steps: Number.POSITIVE_INFINITY }, "steps").status).toBe("invalid");
    });
  });

  describe("single choice", () => {
    it("is all or nothing", () => {
      expect(feedback({ output: "b" }, "output")).toMatchObject({ status: "correct", score: 1 });
      expect(feedback({ output: "a" }, "output")).toMatchObject({ status: "incorrect", score: 0 });
    });

    it("refuses unknown ids and non-strings", () => {
      expect(feedback({ output: "z" }, "output").status).toBe("invalid");
      expect(feedback({ output: ["b"] }, "output").status).toBe("invalid");
      expect(feedback({ output: 2 }, "output").status).toBe("invalid");
    });
  });

  describe("multiple choice partial credit: (right − wrong) / correct, floored at 0", () => {
    it.each([
      [["m1", "m2", "m3"], 1, "correct"],
      [["m1", "m2"], 2 / 3, "partial"],
      [["m1"], 1 / 3, "partial"],
      [["m1", "m2", "m4"], 1 / 3, "partial"],
      [["m1", "m4"], 0, "incorrect"],
      [["m1", "m2", "m3", "m4"], 2 / 3, "partial"],
      [["m4"], 0, "incorrect"],
      [["m1", "m1", "m1"], 1 / 3, "partial"],
    ])("%j scores %d", (picks, score, status) => {
      const f = feedback({ adam: picks }, "adam");
      expect(f.score).toBeCloseTo(score, 12);
      expect(f.status).toBe(status);
    });

    it("treats an empty list as unanswered and a bad list as invalid", () => {
      expect(feedback({ adam: [] }, "adam")).toMatchObject({ status: "unanswered", score: 0 });
      expect(feedback({ adam: "m1" }, "adam").status).toBe("invalid");
      expect(feedback({ adam: ["m1", "nope"] }, "adam").status).toBe("invalid");
      expect(feedback({ adam: [1, 2] }, "adam").status).toBe("invalid");
    });
  });

  it("treats missing answers as unanswered and unreadable submissions as invalid", () => {
    expect(gradeQuiz(stepsQuiz, variant, {}).questions.every((q) => q.status === "unanswered")).toBe(true);
    for (const bad of [null, "answers", 42, [1, 2]]) {
      const grade = gradeQuiz(stepsQuiz, variant, bad);
      expect(grade.score).toBe(0);
      expect(grade.questions.every((q) => q.status === "invalid")).toBe(true);
    }
  });

  it("shows the explanation with the student's numbers after grading", () => {
    const f = feedback({ steps: 1 }, "steps");
    expect(f.explanationHtml).toContain(`⌈${p.n} / ${p.b}⌉`);
    expect(f.explanationHtml).toContain("katex");
    expect(feedback({}, "adam").explanationHtml).toBeUndefined();
  });

  it("marks a question whose author answer breaks as an error, and grades the rest", () => {
    const quiz = QuizSchema.parse({
      questions: [
        { id: "boom", kind: "numeric", prompt: "x", answer: () => { throw new Error("author bug"); } },
        { id: "ok", kind: "numeric", prompt: "y", answer: 2 },
      ],
    });
    const grade = gradeQuiz(quiz, createVariant(quiz, 1), { boom: 1, ok: 2 });
    expect(grade.questions[0]).toMatchObject({ status: "error", score: 0 });
    expect(grade.questions[0]?.message).not.toContain("author bug");
    expect(grade.questions[1]?.status).toBe("correct");
    expect(grade.score).toBe(0.5);
  });
});
