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

  it("quiz-variants on stored params: answers are computed on the numbers the student saw, not drawn again", async () => {
    const stored = { n1: { a: 7, b: 0.25, c: "x" }, s1: { a: 2, b: 0.5, c: "y" } };
    const { questions } = await runAuthoredTask({ kind: "quiz-variants", files: quizFiles(), seed: 5, params: stored });
    expect(questions.n1).toEqual({ params: stored.n1, answer: 7.25 });
    expect(questions.s1).toEqual({ params: stored.s1, answer: "small" });
    // A question without stored params (added in a later version) is drawn from its seed as usual.
    const drawn = await runAuthoredTask({ kind: "quiz-variants", files: quizFiles(), seed: 5 });
    expect(questions.p1).toEqual(drawn.questions.p1);
  });

  it("authored code has no clock: generated tests and params that read the time come out the same every time", async () => {
    const checks = `export function lr(rng: any) { return { a: Date.now() % 1000, b: new Date().getUTCFullYear(), c: String(new Date(0).getTime()) }; }
export function sum(p: { a: number; b: number }) { return p.a + p.b; }
export function pickOne() { return "big"; }
export function both() { return ["big"]; }`;
    const first = await runAuthoredTask({ kind: "quiz-variants", files: quizFiles({ checks }), seed: 3 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await runAuthoredTask({ kind: "quiz-variants", files: quizFiles({ checks }), seed: 3 });
    expect(second).toEqual(first);
    expect(first.questions.n1?.params).toEqual({ a: 1767225600000 % 1000, b: 2026, c: "0" });
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
