import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue, type LoadedExercise } from "@/lib/exercises/catalogue";
import { dataPackageFromModule } from "@/lib/exercises/data-package/from-module";
import { parseDataPackage } from "@/lib/exercises/data-package/parse";
import { specialiseQuiz } from "@/lib/exercises/data-package/specialise";
import { quizAnswerKey } from "@/lib/exercises/kinds/quiz";
import { createVariant } from "@/lib/exercises/quiz";
import { runAuthoredTask } from "@/lib/grading/authored";
import { check, close, exact } from "@/lib/grading/compare";

const catalogue = await loadCatalogue();
const loadedOf = (id: string): LoadedExercise => {
  const loaded = catalogue.exercises.find((exercise) => exercise.pkg.exercise.id === id);
  if (!loaded) throw new Error(`${id} is not in the catalogue`);
  return loaded;
};

describe("dataPackageFromModule", () => {
  it("copies softmax with no warnings: same files, same tests, exercise.json pretty-printed", () => {
    const loaded = loadedOf("softmax");
    const { files, warnings } = dataPackageFromModule(loaded, "course-softmax");
    expect(warnings).toEqual([]);
    expect(Object.keys(files).sort()).toEqual(["exercise.json", "prompt.md", "solution.ts", "starter.ts"]);
    for (const name of ["prompt.md", "solution.ts", "starter.ts"]) expect(files[name]).toBe(loaded.files[name]);
    const json = files["exercise.json"] ?? "";
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    const parsed = parseDataPackage("course-softmax", files);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.warnings).toEqual([]);
    if (parsed.pkg.kind !== "code" || loaded.pkg.kind !== "code") throw new Error("not code");
    expect(parsed.pkg.exercise).toEqual({ ...loaded.pkg.exercise, id: "course-softmax" });
  });

  it("drops tests whose check, show, arguments or expected value cannot be data, naming each", () => {
    const loaded = loadedOf("softmax");
    if (loaded.pkg.kind !== "code") throw new Error("not code");
    const base = { call: "softmax", repeat: 1 };
    const pkg = {
      ...loaded.pkg,
      exercise: {
        ...loaded.pkg.exercise,
        examples: [{ ...base, name: "shown", args: [[[1]]], show: (value: unknown) => value }],
        tests: [
          { ...base, name: "kept", args: [[[1, 2]]], compare: exact(), repeat: 2, hint: "h" },
          { ...base, name: "nan", args: [[[Number.NaN]]], compare: close() },
          { ...base, name: "typed", args: [new Float32Array([1])] },
          { ...base, name: "checked", args: [[[1]]], compare: check(() => true) },
          { ...base, name: "expected inf", args: [[[1]]], expected: [[Number.POSITIVE_INFINITY]] },
        ],
      },
    };
    const { files, warnings } = dataPackageFromModule({ ...loaded, pkg }, "copy");
    expect(warnings).toEqual([
      'examples: "shown" is left out: its `show` is a function, which cannot be copied',
      'tests: "nan" is left out: args[0][0][0]: NaN is not JSON',
      'tests: "typed" is left out: args[0]: a Float32Array is not JSON',
      'tests: "checked" is left out: its custom check is a function, which cannot be copied',
      'tests: "expected inf" is left out: expected[0][0]: Infinity is not JSON',
    ]);
    const json = JSON.parse(files["exercise.json"] ?? "") as { examples: unknown[]; tests: unknown[] };
    expect(json.examples).toEqual([]);
    expect(json.tests).toEqual([{ name: "kept", call: "softmax", args: [[[1, 2]]], compare: { kind: "exact" }, repeat: 2, hint: "h" }]);
    expect(parseDataPackage("copy", files).ok).toBe(true);
  });

  it("copies a quiz's functions into checks.ts, naming the helpers they need", () => {
    const { files, warnings } = dataPackageFromModule(loadedOf("optimizer-concepts"), "course-optimizers");
    expect(files["checks.ts"]).toContain("export const biasFactorParams = rng => ({ beta1: rng.pick([.8, .85, .9, .95]), t: rng.int(2, 25) });");
    expect(files["checks.ts"]).toContain('export const biasFactorAnswer = p => 1 / (1 - num(p, "beta1") ** num(p, "t"));');
    expect(warnings).toContain("checks.ts: `biasFactorAnswer` was copied from questions.5.answer as its compiled source; it uses num, not copied: copy it into checks.ts by hand");
    const json = JSON.parse(files["exercise.json"] ?? "") as { questions: Array<{ id: string; params?: string; answer?: unknown }> };
    expect(json.questions.find((question) => question.id === "bias-factor")).toMatchObject({ params: "biasFactorParams", answer: "biasFactorAnswer" });
    const parsed = parseDataPackage("course-optimizers", files);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.pkg.kind === "quiz" && parsed.pkg.sandboxed).toBeTruthy();
  });

  it("gives, once the helper is copied by hand, the variants and keys the module form gives", async () => {
    const loaded = loadedOf("optimizer-concepts");
    if (loaded.pkg.kind !== "quiz") throw new Error("not a quiz");
    const { files } = dataPackageFromModule(loaded, "course-optimizers");
    const withHelper = { ...files, "checks.ts": `${files["checks.ts"] ?? ""}\nconst num = (p, name) => Number(p[name]);\n` };
    const parsed = parseDataPackage("course-optimizers", withHelper);
    if (!parsed.ok || parsed.pkg.kind !== "quiz") throw new Error("the copy does not parse");
    for (const seed of [5, 0xfeedface]) {
      const specialised = specialiseQuiz(parsed.pkg, await runAuthoredTask({ kind: "quiz-variants", files: withHelper, seed }));
      expect(createVariant(specialised.quiz, seed)).toEqual(createVariant(loaded.pkg.quiz, seed));
      expect(quizAnswerKey(specialised, createVariant(specialised.quiz, seed))).toEqual(quizAnswerKey(loaded.pkg, createVariant(loaded.pkg.quiz, seed)));
    }
  });

  it("copies a package that is data already as it is, with the new id", async () => {
    const { exercises } = await loadCatalogue(path.resolve("tests/fixtures/data-packages"), ["relu-data"]);
    const loaded = exercises[0];
    if (!loaded) throw new Error("the fixture does not load");
    const { files, warnings } = dataPackageFromModule(loaded, "course-relu");
    expect(warnings).toEqual([]);
    expect({ ...files, "exercise.json": "" }).toEqual({ ...loaded.files, "exercise.json": "" });
    expect(JSON.parse(files["exercise.json"] ?? "")).toEqual({ ...JSON.parse(loaded.files["exercise.json"] ?? ""), id: "course-relu" });
    expect(parseDataPackage("course-relu", files).ok).toBe(true);
  });

  it("converts every catalogue package without throwing; each result parses (a model is refused with a warning)", () => {
    for (const loaded of catalogue.exercises) {
      const id = `copy-${loaded.pkg.exercise.id}`;
      const { files, warnings } = dataPackageFromModule(loaded, id);
      if (loaded.pkg.kind === "model") {
        expect(files).toEqual({});
        expect(warnings.join("\n")).toMatch(/model exercise .* cannot be a data package/);
        continue;
      }
      const parsed = parseDataPackage(id, files);
      const hiddenLeft = !warnings.includes("tests: every hidden test was left out: write new ones before publishing");
      if (hiddenLeft) expect(parsed.ok ? [] : parsed.errors, loaded.pkg.exercise.id).toEqual([]);
      else expect(parsed.ok ? [] : parsed.errors).toEqual(["exercise.json: tests: a code exercise needs at least one hidden test or a generator"]);
    }
  });
});
