import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/exercises/catalogue";
import { describeHealth, getExerciseHealth, parseLoaderProblem } from "@/lib/exercises/health";
import { setCatalogue } from "@/lib/exercises/registry";

const root = path.resolve("tests/fixtures/exercise-packages");

describe("the exercise health report", () => {
  it("splits a loader line into file, field and problem", () => {
    expect(parseLoaderProblem('exercise.ts: tests[0].call: "triple" is not in exports')).toEqual({ file: "exercise.ts", field: "tests[0].call", problem: '"triple" is not in exports' });
    expect(parseLoaderProblem("starter.ts: missing")).toEqual({ file: "starter.ts", field: null, problem: "missing" });
    expect(parseLoaderProblem("exercise.ts: cannot be loaded: SyntaxError: x")).toEqual({ file: "exercise.ts", field: null, problem: "cannot be loaded: SyntaxError: x" });
    expect(parseLoaderProblem('"Bad" is not an exercise id')).toEqual({ file: null, field: null, problem: '"Bad" is not an exercise id' });
  });

  it("reports each broken fixture package with file, field and problem, as the startup load kept it", async () => {
    setCatalogue(await loadCatalogue(root));
    const health = await getExerciseHealth();
    expect(health.loaded).toBe(1);
    expect(health.failures.map((failure) => failure.id).sort()).toEqual(["broken-code", "broken-quiz", "not-typescript"]);
    const brokenCode = health.failures.find((failure) => failure.id === "broken-code")!.errors;
    expect(brokenCode).toContainEqual({ file: "starter.ts", field: null, problem: "missing" });
    expect(brokenCode).toContainEqual({ file: "exercise.ts", field: "tests[0].call", problem: '"triple" is not in exports' });
    expect(brokenCode.find((problem) => problem.field === "title")).toMatchObject({ file: "exercise.ts", problem: expect.stringMatching(/expected string/) });
    expect(brokenCode.find((problem) => problem.file === "prompt.md" && problem.field === "math")).toBeDefined();
    const quiz = health.failures.find((failure) => failure.id === "broken-quiz")!.errors;
    expect(quiz.find((problem) => problem.field === 'questions["nan"].answer')).toMatchObject({ file: "exercise.ts" });
    expect(health.failures.find((failure) => failure.id === "not-typescript")!.errors[0]).toMatchObject({ file: "exercise.ts", problem: expect.stringMatching(/^cannot be loaded: /) });
  });

  it("lists the warnings of packages that loaded", async () => {
    const report = await loadCatalogue(root, ["good-one"]);
    report.exercises[0]!.warnings.push('exercise.ts: questions["q"].explanation: is empty');
    expect(describeHealth(report).warnings).toEqual([
      { id: "good-one", errors: [], warnings: [{ file: "exercise.ts", field: 'questions["q"].explanation', problem: "is empty" }] },
    ]);
  });
});
