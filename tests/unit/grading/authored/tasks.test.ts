import { describe, expect, it } from "vitest";
import { AuthoredTaskError, runAuthoredTask } from "@/lib/grading/authored";
import { buildArtefactFromFiles } from "@/lib/exercises/artefacts";
import { QUIZ, dataFiles, quizFiles } from "./fixtures";

describe("authored tasks in this process", () => {
  it("quiz-variants: params per question with a params export, answers where the question names an export", async () => {
    const { questions } = await runAuthoredTask({ kind: "quiz-variants", files: quizFiles(), seed: 5 });
    expect(Object.keys(questions).sort()).toEqual(["m1", "n1", "p1", "s1"]);
    expect(questions.p1).toEqual({ params: questions.p1?.params });
    expect(questions.p1?.answer).toBeUndefined();
    expect(questions.m1).toEqual({ params: {}, answer: ["big", "small"] });
    expect(["big", "small"]).toContain(questions.s1?.answer);
    // Each question draws from its own stream.
    expect(questions.s1?.params).not.toEqual(questions.n1?.params);
  });

  it("quiz-variants: a wrong answer or params names the question and the export", async () => {
    const withAnswer = (answer: string) => quizFiles({ checks: `${answer}\nexport function lr(rng: any) { return { a: 1 }; }` });
    const run = (files: Record<string, string>) => runAuthoredTask({ kind: "quiz-variants", files, seed: 1 });
    await expect(run(withAnswer(`export function sum() { return "7"; }\nexport function pickOne() { return "big"; }\nexport function both() { return []; }`))).rejects.toThrow('question "n1": answer `sum` must return a finite number');
    await expect(run(withAnswer(`export function sum() { return 1; }\nexport function pickOne() { return "huge"; }\nexport function both() { return []; }`))).rejects.toThrow('question "s1": answer `pickOne` returned "huge", which is not a choice id');
    const badParams = quizFiles({ checks: `export function lr() { return { "not ok": 1 }; }` });
    await expect(run(badParams)).rejects.toBeInstanceOf(AuthoredTaskError);
    await expect(run(badParams)).rejects.toThrow(/question "n1": params `lr` returned invalid values \(not ok: /);
    await expect(run(quizFiles({ quiz: { questions: [{ ...QUIZ.questions[0], params: "gone" }] } }))).rejects.toThrow('question "n1": params `gone` is not an export of checks.ts');
  });

  it("outline: examples and hidden tests with misconceptions, generated tests included", async () => {
    const { outline, problems } = await runAuthoredTask({ kind: "outline", files: dataFiles() });
    expect(problems).toEqual([]);
    expect(outline.examples).toEqual([{ name: "doubles" }]);
    expect(outline.tests.map((t) => t.name)).toEqual(["close", "by check", "rejects a bad factor", "fresh state", "generated 1", "generated 2", "generated 3"]);
    expect(outline.tests[1]).toEqual({ name: "by check", misconception: "sum" });
  });

  it("outline: checks and generators that checks.ts does not export, and junk from a generator, are problems", async () => {
    const checks = `export function moreTests() { return [{ name: "g", call: "scale", args: "no" }, 5]; }`;
    const { problems } = await runAuthoredTask({ kind: "outline", files: dataFiles({ checks }) });
    expect(problems).toContain("check `sumScaled` is not an export of checks.ts");
    expect(problems).toContain("check `firstCall` is not an export of checks.ts");
    expect(problems.find((p) => p.startsWith("generator `moreTests` returned invalid tests: 0.args"))).toBeDefined();
  });

  it("a data package's stored artefact has no module, only its outline", async () => {
    const stored = await buildArtefactFromFiles("scale-list", dataFiles());
    expect(stored).toEqual({ format: 2, outline: expect.objectContaining({ examples: [{ name: "doubles" }] }) });
    expect(stored).not.toHaveProperty("module");
    await expect(buildArtefactFromFiles("scale-list", dataFiles({ checks: "export const x = 1;" }))).rejects.toThrow(/generator `moreTests` is not an export of checks.ts/);
  });
});
