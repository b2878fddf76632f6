import { describe, expect, it } from "vitest";
import { draftFiles, emptyQuestion, emptyTest, exerciseJsonOf, formJsonErrors, formOfFiles, moved } from "@/app/_components/authoring/draft-form";
import { tryResultView } from "@/app/_components/authoring/try-view";
import { DataExerciseSchema } from "@/lib/exercises/data-package/schema";

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const CODE = {
  "exercise.json": pretty({
    id: "keras-double",
    title: "Double it",
    topic: "Basics",
    points: 10,
    difficulty: "easy",
    kind: "code",
    exports: ["double"],
    examples: [{ name: "one", call: "double", args: [1], compare: { kind: "exact" } }],
    tests: [
      { name: "two", call: "double", args: [[1, 2]], expected: [2, 4], compare: { kind: "close", rtol: 0.001, atol: 0 }, misconception: "off", hint: "multiply" },
      { name: "custom", call: "double", args: [3], compare: { kind: "check", check: "isSix" }, repeat: 2 },
    ],
    seed: 7,
  }),
  "prompt.md": "# Double\n\nReturn $2x$.\n",
  "starter.ts": "export function double(x: number) { return 0; }\n",
  "solution.ts": "export function double(x: number) { return 2 * x; }\n",
  "checks.ts": "export function isSix(actual: unknown) { return actual === 6 || 'not six'; }\n",
};

describe("the editor's form and the package files", () => {
  it("reads a code package and writes the same files back, exercise.json as 2-space JSON with a final newline", () => {
    const form = formOfFiles(CODE)!;
    expect(form.kind).toBe("code");
    expect(form.tests.map((row) => [row.name, row.visible, row.compare])).toEqual([
      ["one", true, "exact"],
      ["two", false, "close"],
      ["custom", false, "check"],
    ]);
    const files = draftFiles(form);
    expect(Object.keys(files).sort()).toEqual(Object.keys(CODE).sort());
    expect(JSON.parse(files["exercise.json"]!)).toEqual(JSON.parse(CODE["exercise.json"]));
    expect(files["exercise.json"]!.endsWith("}\n")).toBe(true);
    expect(files["exercise.json"]).toContain('\n  "title": "Double it",');
    expect(DataExerciseSchema.safeParse(JSON.parse(files["exercise.json"]!)).success).toBe(true);
  });

  it("writes an edited hidden test's expected value, a moved row and a new test", () => {
    const form = formOfFiles(CODE)!;
    form.tests[1] = { ...form.tests[1]!, expectedText: "[9, 9]" };
    const added = { ...emptyTest(form), name: "three", argsText: "[3]" };
    expect(added.call).toBe("double");
    const data = JSON.parse(exerciseJsonOf({ ...form, tests: moved([...form.tests, added], 3, -1) })) as { tests: Array<{ name: string; expected?: unknown }> };
    expect(data.tests.map((test) => test.name)).toEqual(["two", "three", "custom"]);
    expect(data.tests[0]!.expected).toEqual([9, 9]);
  });

  it("names each JSON error of the tests table, and Save waits for them", () => {
    const form = formOfFiles(CODE)!;
    form.tests[0] = { ...form.tests[0]!, argsText: "[1," };
    form.tests[2] = { ...form.tests[2]!, argsText: "3", expectedText: "{oops" };
    const errors = formJsonErrors(form);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^one: arguments not JSON/);
    expect(errors[1]).toMatch(/^custom: arguments must be a JSON array/);
    expect(errors[2]).toMatch(/^custom: expected value not JSON/);
  });

  it("writes a quiz: choices with correct flags, shuffle, a numeric question with tolerances, unit and exports", () => {
    const quiz = formOfFiles({ "exercise.json": pretty({ id: "keras-q", title: "Q", topic: "T", points: 2, difficulty: "easy", kind: "quiz", questions: [] }), "prompt.md": "Quiz\n" })!;
    const single = { ...emptyQuestion(quiz), prompt: "Pick", shuffle: true, explanation: "Because" };
    single.choices = single.choices.map((choice, index) => ({ ...choice, text: `choice ${index}`, correct: index === 1 }));
    const numeric = { ...emptyQuestion({ ...quiz, questions: [single] }, "numeric"), prompt: "Area {{r}}?", params: "radius", answer: "area", atol: "0.01", unit: "m²" };
    const files = draftFiles({ ...quiz, questions: [single, numeric], checks: "export function radius() { return { r: 1 }; }\n" });
    expect(Object.keys(files).sort()).toEqual(["checks.ts", "exercise.json", "prompt.md"]);
    const data = DataExerciseSchema.parse(JSON.parse(files["exercise.json"]!));
    expect(data.kind === "quiz" && data.questions).toMatchObject([
      { id: "q1", kind: "single", shuffle: true, explanation: "Because", choices: [{ id: "a", text: "choice 0" }, { id: "b", text: "choice 1", correct: true }] },
      { id: "q2", kind: "numeric", params: "radius", answer: "area", atol: 0.01, unit: "m²" },
    ]);
  });

  it("gives no form for an exercise.json that is not a JSON object", () => {
    expect(formOfFiles({ "exercise.json": "{ nope" })).toBeNull();
    expect(formOfFiles({ "exercise.json": "[]" })).toBeNull();
  });

  it("leaves a list holding something other than objects to the raw editor instead of failing the page", () => {
    for (const json of ['{"kind":"code","tests":[null]}', '{"kind":"code","examples":[1]}', '{"kind":"quiz","questions":[null]}', '{"kind":"quiz","questions":[{"id":"q","choices":[null]}]}']) {
      expect(formOfFiles({ "exercise.json": json }), json).toBeNull();
    }
    expect(formOfFiles({ "exercise.json": '{"kind":"quiz","questions":[{"id":"q","choices":[{"id":"a"}]}]}' })).not.toBeNull();
  });
});

describe("a tried draft as the student sees it", () => {
  const result = {
    status: "graded" as const,
    score: 0.5,
    durationMs: 3,
    console: "",
    tests: [
      { name: "one", passed: true, message: "ok", shown: { expected: 2, actual: 2 } },
      { name: "two", passed: false, message: "wrong", shown: { expected: [9], actual: [2] } },
    ],
  };
  it("hides what a hidden test would reveal and keeps only the examples for a Run", () => {
    const submit = tryResultView(result, ["one"], "submit");
    expect(submit.tests).toEqual([
      { name: "one", passed: true, message: "ok", hidden: false, shown: { expected: 2, actual: 2 } },
      { name: "two", passed: false, message: "wrong", hidden: true },
    ]);
    expect(submit).toMatchObject({ status: "graded", score: 0.5, mode: "submit" });
    const run = tryResultView(result, ["one"], "run");
    expect(run.tests.map((test) => test.name)).toEqual(["one"]);
    expect(run.score).toBe(1);
  });
});

describe("opening a package and saving it unchanged gives the same bytes", () => {
  it("for both starting packages and a copied catalogue exercise", async () => {
    const { startingPackage } = await import("@/lib/authoring/starting-package");
    const { dataPackageFromModule } = await import("@/lib/exercises/data-package/from-module");
    const { findLoadedExercise } = await import("@/lib/exercises/registry");
    const softmax = await findLoadedExercise("softmax");
    const copied = dataPackageFromModule(softmax!, "keras-softmax").files;
    for (const files of [startingPackage("code", "keras-a", "A"), startingPackage("quiz", "keras-b", "B"), copied]) {
      expect(draftFiles(formOfFiles(files)!)).toEqual(files);
    }
  });
});
