import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPackageFiles } from "@/lib/exercises/catalogue";
import { parseDataPackage } from "@/lib/exercises/data-package/parse";
import { SANDBOXED_CHECK_MESSAGE } from "@/lib/exercises/data-package/to-package";
import { createVariant } from "@/lib/exercises/quiz";

const fixtures = path.resolve("tests/fixtures/data-packages");
const filesOf = (id: string) => readPackageFiles(path.join(fixtures, id));

function withJson(files: Record<string, string>, edit: (json: Record<string, unknown>) => void): Record<string, string> {
  const json = JSON.parse(files["exercise.json"] ?? "{}") as Record<string, unknown>;
  edit(json);
  return { ...files, "exercise.json": JSON.stringify(json, null, 2) };
}

function errorsOf(id: string, files: Record<string, string>): string[] {
  const parsed = parseDataPackage(id, files);
  return parsed.ok ? [] : parsed.errors;
}

describe("parseDataPackage on the fixtures", () => {
  it("turns a code package into the code kind's package, its check comparator a host-side refusal", () => {
    const parsed = parseDataPackage("relu-data", filesOf("relu-data"), { dir: "/somewhere" });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.warnings).toEqual([]);
    const { pkg } = parsed;
    if (pkg.kind !== "code") throw new Error("not code");
    expect(pkg.dir).toBe("/somewhere");
    expect(pkg.exercise.exports).toEqual(["relu"]);
    expect(pkg.exercise.seed).toBe(7);
    expect(pkg.exercise.tests.map((test) => test.name)).toEqual(["negative values become 0", "no negative output", "an empty row"]);
    expect(pkg.exercise.tests[0]?.compare).toEqual({ kind: "close", rtol: 0.0001, atol: 0.000001 });
    expect(pkg.exercise.tests[2]?.expected).toEqual([[]]);
    const compare = pkg.exercise.tests[1]?.compare;
    if (compare?.kind !== "check") throw new Error("not a check");
    expect(() => compare.check([[0]], { args: [], expected: undefined })).toThrow(SANDBOXED_CHECK_MESSAGE);
    expect(pkg.solution).toContain("Math.max(0, value)");
    expect(parsed.data.kind === "code" && parsed.data.generators).toEqual(["randomRows"]);
  });

  it("marks a quiz whose params come from checks.ts as sandboxed, with placeholders that throw", () => {
    const files = filesOf("bias-quiz");
    const parsed = parseDataPackage("bias-quiz", files);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const { pkg } = parsed;
    if (pkg.kind !== "quiz") throw new Error("not a quiz");
    expect(pkg.sandboxed).toEqual({ files });
    expect(() => createVariant(pkg.quiz, 1)).toThrow(/factor.*params comes from checks.ts \(`factorParams`\)/);
  });

  it("leaves a quiz without checks.ts functions unsandboxed and ready to use", () => {
    const files = withJson(filesOf("bias-quiz"), (json) => {
      json.questions = [(json.questions as unknown[])[0]];
    });
    delete files["checks.ts"];
    const parsed = parseDataPackage("bias-quiz", files);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    if (parsed.pkg.kind !== "quiz") throw new Error("not a quiz");
    expect(parsed.pkg.sandboxed).toBeUndefined();
    expect(createVariant(parsed.pkg.quiz, 3).questions.why?.choiceOrder).toHaveLength(2);
  });
});

describe("parseDataPackage reports every problem by file and field", () => {
  it("names unknown and missing files", () => {
    const files: Record<string, string> = { ...filesOf("relu-data"), "notes.txt": "x" };
    delete files["solution.ts"];
    delete files["prompt.md"];
    const errors = errorsOf("relu-data", files);
    expect(errors).toContain("notes.txt: not a file of a data package (it holds exercise.json, prompt.md, starter.ts, solution.ts, checks.ts)");
    expect(errors).toContain("solution.ts: missing");
    expect(errors).toContain("prompt.md: missing");
    expect(errorsOf("x", { "prompt.md": "hi" })).toEqual(["exercise.json: missing"]);
  });

  it("names the line and column of a JSON syntax error", () => {
    const files = { ...filesOf("relu-data"), "exercise.json": '{\n  "id": "relu-data",\n  "kind": "code",\n}' };
    expect(errorsOf("relu-data", files)).toEqual(["exercise.json: line 4 column 1: Expected double-quoted property name"]);
  });

  it("reports zod issues, cross-field problems and checks.ts names together", () => {
    const files = withJson(filesOf("relu-data"), (json) => {
      const tests = json.tests as Array<Record<string, unknown>>;
      tests[0] = { ...tests[0], compare: { kind: "close", rtol: -1 } };
      tests[1] = { ...tests[1], call: "leaky", compare: { kind: "check", check: "positive" } };
      tests[2] = { ...tests[2], name: "negative values become 0" };
      json.generators = ["randomRows", "moreRows"];
      json.points = 0;
    });
    const errors = errorsOf("relu-data", files);
    expect(errors).toEqual(
      expect.arrayContaining([
        "exercise.json: tests.0.compare.rtol: Too small: expected number to be >=0",
        "exercise.json: points: Too small: expected number to be >0",
        'exercise.json: tests.1.compare.check: "positive" is not an export of checks.ts',
        'exercise.json: generators.1: "moreRows" is not an export of checks.ts',
        'exercise.json: tests.1.call: "leaky" is not in exports',
        'exercise.json: tests.2.name: the test name "negative values become 0" is used twice (also tests.0)',
      ]),
    );
    expect(errors).toHaveLength(6);
    const warnings = parseDataPackage("relu-data", files).warnings;
    expect(warnings).toEqual(['checks.ts: export "nonNegative" is not used by exercise.json']);
  });

  it("says when exercise.json names checks.ts exports but there is no checks.ts", () => {
    const files = filesOf("relu-data");
    delete files["checks.ts"];
    expect(errorsOf("relu-data", files)).toEqual([
      'exercise.json: tests.1.compare.check: "nonNegative" names an export of checks.ts, but the package has no checks.ts',
      'exercise.json: generators.0: "randomRows" names an export of checks.ts, but the package has no checks.ts',
    ]);
  });

  it("finds exports by parsing checks.ts, never by running it, and reports its syntax and imports", () => {
    const checks = [
      'import fs from "node:fs";',
      'import * as tf from "@tensorflow/tfjs";',
      "export const nonNegative = () => true, other = 1;",
      "function randomRows() { return []; }",
      "export { randomRows };",
      'throw new Error("never run");',
      "export function broken( {",
    ].join("\n");
    const errors = errorsOf("relu-data", { ...filesOf("relu-data"), "checks.ts": checks });
    expect(errors).toContain('checks.ts: line 1 column 1: checks.ts may import only "@tensorflow/tfjs", not "node:fs"');
    expect(errors.some((line) => /^checks\.ts: line 7 column \d+: /.test(line))).toBe(true);
    expect(errors.filter((line) => line.startsWith("exercise.json"))).toEqual([]);
  });

  it("refuses names of exports that are certainly not functions, and counts aliases and type-only exports right", () => {
    const checks = [
      "export const nonNegative = 3;",
      "const rows = () => [];",
      "export { rows as randomRows };",
      "export type Row = number[];",
      "export interface Ctx { args: unknown[] }",
      "export const made = makeCheck();",
    ].join("\n");
    const parsed = parseDataPackage("relu-data", { ...filesOf("relu-data"), "checks.ts": checks });
    expect(parsed.ok ? [] : parsed.errors).toEqual(['exercise.json: tests.1.compare.check: "nonNegative" is an export of checks.ts, but not a function']);
    expect(parsed.warnings).toEqual(['checks.ts: export "made" is not used by exercise.json']);
  });

  it("reports prompt render problems and a folder that does not match the id", () => {
    const files = { ...filesOf("relu-data"), "prompt.md": "Bad math $\\frac{1}{$ and {{n}}" };
    const errors = errorsOf("other-id", files);
    expect(errors.filter((line) => line.startsWith("prompt.md: "))).toHaveLength(2);
    expect(errors).toContain('exercise.json: id: "relu-data" does not match its folder "other-id"');
  });

  it("reports a quiz's placeholders without params, duplicate ids and a broken static key", () => {
    const files = withJson(filesOf("bias-quiz"), (json) => {
      const [why, factor] = json.questions as Array<Record<string, unknown>>;
      json.questions = [
        { ...why, choices: [{ id: "a", text: "x {{n}}" }, { id: "a", text: "y" }] },
        { ...factor, id: "why", params: undefined, answer: 2 },
      ];
    });
    const errors = errorsOf("bias-quiz", files);
    expect(errors).toEqual(
      expect.arrayContaining([
        'exercise.json: questions.1.id: duplicate question id "why" (also questions.0)',
        'exercise.json: questions.0.choices.1.id: duplicate choice id "a"',
        "exercise.json: questions.0.choices.0.text: placeholder {{n}} needs a params export of checks.ts (the question has no `params`)",
        "exercise.json: questions.1.prompt: placeholder {{beta1}} needs a params export of checks.ts (the question has no `params`)",
      ]),
    );
    expect(errors.some((line) => line.startsWith("exercise.json: questions.0.choices: a single-choice question needs exactly 1"))).toBe(true);
  });

  it("reports math problems in a question's texts, placeholders standing in", () => {
    const files = withJson(filesOf("bias-quiz"), (json) => {
      const [why, factor] = json.questions as Array<Record<string, unknown>>;
      json.questions = [{ ...why, choices: [{ id: "a", text: "$\\frac{1}{$", correct: true }, { id: "b", text: "fine" }] }, factor];
    });
    const errors = errorsOf("bias-quiz", files);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^exercise\.json: questions\.0\.choices\.0\.text: math: /);
  });

  it("refuses files past the size limits", () => {
    const errors = errorsOf("relu-data", { ...filesOf("relu-data"), "solution.ts": "x".repeat(300 * 1024) });
    expect(errors).toEqual(["solution.ts: 307200 bytes, more than the 256 KB a file may hold"]);
  });

  it("refuses a starter or solution in a quiz", () => {
    const errors = errorsOf("bias-quiz", { ...filesOf("bias-quiz"), "starter.ts": "" });
    expect(errors).toEqual(["starter.ts: a quiz has no starter (remove the file)"]);
  });
});
