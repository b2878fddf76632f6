import { afterAll, describe, expect, it } from "vitest";
import { buildDataSpec, dataGradingSpec, isDataPackage } from "@/lib/grading/authored";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { CHECKS, EXERCISE, SOLUTION, WRONG, dataFiles } from "./fixtures";

const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());

describe("a data package graded end to end in this process", () => {
  it("is recognised by its exercise.json", () => {
    expect(isDataPackage(dataFiles())).toBe(true);
    expect(isDataPackage({ "exercise.ts": "", "solution.ts": "" })).toBe(false);
  });

  it("the reference solution scores full marks, generated tests included, twice in a row (fresh state)", async () => {
    const spec = dataGradingSpec(dataFiles());
    expect(spec.exercise.tests.map((t) => t.name)).toEqual(["close", "by check", "rejects a bad factor", "fresh state", "generated 1", "generated 2", "generated 3"]);
    for (let i = 0; i < 2; i++) {
      const result = await gradeSource(spec, SOLUTION, { provider });
      expect(result.tests.filter((t) => !t.passed)).toEqual([]);
      expect(result).toMatchObject({ status: "graded", score: 1 });
    }
  });

  it("wrong code fails its tests, the tf check with the check's own message", async () => {
    const result = await gradeSource(dataGradingSpec(dataFiles()), WRONG, { provider });
    expect(result.status).toBe("graded");
    // Only the state check passes (it judges no value): everything that compares a value fails.
    expect(result.tests.filter((t) => t.passed).map((t) => t.name)).toEqual(["fresh state"]);
    const byName = new Map(result.tests.map((t) => [t.name, t]));
    expect(byName.get("doubles")?.message).toMatch(/expected 2, got 3/);
    expect(byName.get("by check")).toMatchObject({ passed: false, message: "the sum of the result is off" });
    expect(byName.get("rejects a bad factor")?.message).toMatch(/should throw TypeError/);
    expect(byName.get("generated 1")?.passed).toBe(false);
  });

  it("generators are seeded by the exercise seed: same tests every build, other tests for another seed", () => {
    const args = (seed: number) => buildDataSpec(dataFiles({ exercise: { seed } })).spec?.exercise.tests.slice(4).map((t) => t.args);
    expect(args(7)).toEqual(args(7));
    expect(args(7)).not.toEqual(args(8));
  });

  it("a check that cannot run fails its test with a clear message; the other tests are graded", async () => {
    const files = dataFiles({ exercise: { tests: [...EXERCISE.tests, { name: "missing check", call: "scale", args: [[1], 1], compare: { kind: "check", check: "nope" } }] } });
    const result = await gradeSource(dataGradingSpec(files), SOLUTION, { provider });
    const failed = result.tests.filter((t) => !t.passed);
    expect(failed).toEqual([{ name: "missing check", passed: false, message: "this test's check could not run: check `nope` is not an export of checks.ts" }]);
    expect(result.status).toBe("graded");
  });

  it("a check that throws names the export, the error and the checks.ts line", async () => {
    const checks = `${CHECKS}\nexport function broken(actual: unknown) {\n  const x: any = null;\n  return x.field;\n}\n`;
    const files = dataFiles({ checks, exercise: { tests: [{ name: "t", call: "scale", args: [[1], 1], compare: { kind: "check", check: "broken" } }] } });
    const line = checks.split("\n").findIndex((text) => text.includes("x.field")) + 1;
    const result = await gradeSource(dataGradingSpec(files), SOLUTION, { provider });
    expect(result.tests.find((t) => t.name === "t")?.message).toBe(`this test's check could not run: check \`broken\` threw TypeError: Cannot read properties of null (reading 'field') (checks.ts line ${line})`);
  });

  it("duplicate test names, generated ones included, are rejected with every problem", () => {
    const files = dataFiles({ exercise: { tests: [{ name: "doubles", call: "scale", args: [[1], 1] }, { name: "generated 2", call: "scale", args: [[1], 1] }] } });
    const built = buildDataSpec(files);
    expect(built.spec).toBeNull();
    expect(built.problems).toEqual(['duplicate test name "doubles"', 'duplicate test name "generated 2"']);
    expect(() => dataGradingSpec(files)).toThrow(/duplicate test name "doubles"; duplicate test name "generated 2"/);
  });

  it("a package without checks.ts grades with the built-in comparators", async () => {
    const files = dataFiles({ checks: undefined, exercise: { tests: EXERCISE.tests.slice(0, 1), generators: [] } });
    expect(await gradeSource(dataGradingSpec(files), SOLUTION, { provider })).toMatchObject({ status: "graded", score: 1 });
  });

  it("exercise.json problems are named by field", () => {
    expect(() => dataGradingSpec(dataFiles({ exercise: { tests: [{ name: "x", call: "scale", args: [], compare: { kind: "close", rtol: -1 } }] } }))).toThrow(/exercise.json: tests\.0\.compare\.rtol/);
    expect(() => dataGradingSpec({ ...dataFiles(), "exercise.json": "{" })).toThrow(/exercise.json: not valid JSON/);
  });
});
