import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { fixture, pkgOf } from "./helpers";

const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());

async function grade(id: string, source: string) {
  return gradeSource(await pkgOf(id), source, { provider });
}

describe("batching", () => {
  it.each(["batching/student-loops.js", "batching/student-tensor.ts"])("right solution %s gets full marks", async (file) => {
    const r = await grade("batching", fixture(file));
    expect(r.tests.filter((t) => !t.passed)).toEqual([]);
    expect(r).toMatchObject({ status: "graded", score: 1 });
  });

  it("shows expected and actual values for visible examples only", async () => {
    const pkg = await pkgOf("batching");
    const r = await grade("batching", fixture("batching/student-floor.ts"));
    const example = r.tests.find((t) => t.name === "example: stepsPerEpoch(10, 3)");
    expect(example?.shown).toEqual({ expected: 4, actual: 3 });
    const hiddenNames = new Set(pkg.exercise.tests.map((t) => t.name));
    expect(r.tests.filter((t) => hiddenNames.has(t.name) && t.shown !== undefined)).toEqual([]);
  });

  it("draws a schedule: a series example calls the export once per step and shows both curves", async () => {
    const { figureOf } = await import("@/lib/submissions/curve");
    const pkg = await pkgOf("lr-schedules");
    const r = await gradeSource(pkg, readFileSync("tests/fixtures/grading/lr-schedules/student-ceil.ts", "utf8"), { provider, examplesOnly: true });
    const staircase = r.tests.find((t) => t.name.includes("staircase over 5000 steps"));
    expect(staircase?.passed).toBe(false);
    const curves = figureOf(staircase?.shown as { expected: unknown; actual: unknown });
    expect(curves).toMatchObject({ kind: "curves", xLabel: "step", yLabel: "learning rate", firstDifference: 1 });
    expect(curves?.kind === "curves" ? curves.xValues : []).toEqual(Array.from({ length: 51 }, (_, i) => i * 100));
    // Ceil instead of floor parts at step 100; the message names the step, not the point's index.
    expect(staircase?.message).toMatch(/^at step 100: expected 0\.1, got 0\.05\b/);
  });

  it("runs only the visible examples when asked (the Run button)", async () => {
    const pkg = await pkgOf("batching");
    const r = await gradeSource(pkg, pkg.solution, { provider, examplesOnly: true });
    expect(r.tests.map((t) => t.name)).toEqual(pkg.exercise.examples.map((t) => t.name));
    expect(r.score).toBe(1);
  });

  it("the reference solution gets full marks and the starter does not", async () => {
    const pkg = await pkgOf("batching");
    expect((await gradeSource(pkg, pkg.solution, { provider })).score).toBe(1);
    expect((await gradeSource(pkg, pkg.starter, { provider })).score).toBeLessThan(0.5);
  });

  it("floor instead of ceil fails the smaller-last-batch tests with the hint", async () => {
    const r = await grade("batching", fixture("batching/student-floor.ts"));
    expect(r.score).toBeLessThan(1);
    const t = r.tests.find((x) => x.name === "steps with a smaller last batch");
    expect(t?.passed).toBe(false);
    expect(t?.message).toMatch(/Math\.ceil/);
    expect(r.tests.find((x) => x.name === "example: stepsPerEpoch(10, 3)")?.message).toBe("expected 4, got 3");
  });

  it("missing validation fails every rejection test", async () => {
    const r = await grade("batching", fixture("batching/student-no-validation.ts"));
    const rejections = r.tests.filter((t) => t.name.includes("rejects"));
    expect(rejections.length).toBe(18);
    expect(rejections.every((t) => !t.passed)).toBe(true);
    expect(rejections[0]?.message).toMatch(/should throw RangeError, but returned a value/);
  });

  it("a plain Error where RangeError is required fails", async () => {
    const r = await grade("batching", fixture("batching/student-throws-plain-error.ts"));
    const t = r.tests.find((x) => x.name === "batchSizes rejects a batch size of 0");
    expect(t).toMatchObject({ passed: false });
    expect(t?.message).toMatch(/should throw RangeError, but threw Error \(line 2, column \d+\)/);
    // Hidden test: the student's own message is not echoed (it could carry the hidden input).
    expect(t?.message).not.toMatch(/bad input/);
  });

  it("state kept between calls fails the calling-twice test", async () => {
    const r = await grade("batching", fixture("batching/student-stateful.ts"));
    expect(r.tests.find((x) => x.name === "batches called twice")?.passed).toBe(false);
    expect(r.score).toBeLessThan(1);
  });
});

describe("softmax", () => {
  it.each(["softmax/student-loops.js", "softmax/student-tfjs.ts", "softmax/student-tf-default.ts", "softmax/student-typed-rows.ts"])(
    "right solution %s gets full marks",
    async (file) => {
      const r = await grade("softmax", fixture(file));
      expect(r.tests.filter((t) => !t.passed)).toEqual([]);
      expect(r).toMatchObject({ status: "graded", score: 1 });
    },
  );

  it.each([
    ["softmax/student-overflow.ts", "large logits"],
    ["softmax/student-whole-matrix.ts", "rows with different values"],
    ["softmax/student-columns.ts", "a tall matrix"],
    ["softmax/student-mutates.ts", "does not modify its argument"],
  ])("wrong solution %s fails %s", async (file, testName) => {
    const r = await grade("softmax", fixture(file));
    expect(r.status).toBe("graded");
    expect(r.score).toBeLessThan(1);
    expect(r.tests.find((t) => t.name === testName)?.passed).toBe(false);
  });

  it("mutating the argument is reported as such", async () => {
    const r = await grade("softmax", fixture("softmax/student-mutates.ts"));
    expect(r.tests.find((t) => t.name === "does not modify its argument")?.message).toMatch(/modified its arguments/);
  });

  it("the starter compiles and scores below full", async () => {
    const pkg = await pkgOf("softmax");
    const r = await gradeSource(pkg, pkg.starter, { provider });
    expect(r.status).toBe("graded");
    expect(r.score).toBeLessThan(0.5);
  });
});

describe("submission-level outcomes", () => {
  it("a compile error names the student's line and column", async () => {
    const r = await grade("softmax", "export function softmax(x: number[][]) {\n  return x.map((r) => r +* 2);\n}\n");
    expect(r.status).toBe("compile_error");
    expect(r.message).toMatch(/line 2, column \d+/);
    expect(r.score).toBe(0);
  });

  it("a missing export is a compile error", async () => {
    const r = await grade("batching", "export function stepsPerEpoch(n: number, b: number) { return Math.ceil(n / b); }");
    expect(r).toMatchObject({ status: "compile_error", message: "missing export: batchSizes" });
  });

  it("a throwing top level is a runtime error at the student's line", async () => {
    const r = await grade("softmax", "import * as tf from '@tensorflow/tfjs';\n\nconst table: number[] = [];\nconsole.log('loading');\n(table as any).nope.x = 1;\nexport function softmax() {}\n");
    expect(r.status).toBe("runtime_error");
    expect(r.message).toMatch(/TypeError.*\(line 5, column \d+\)/);
    expect(r.console).toContain("loading");
  });

  it("a runtime error inside a visible example maps to the student's line", async () => {
    const src = "type Row = number[];\ninterface X { a: number }\nexport function softmax(x: Row[]): Row[] {\n  const y: any = undefined;\n  return y.map((r: Row) => r);\n}\n";
    const r = await grade("softmax", src);
    expect(r.tests[0]?.message).toMatch(/^threw TypeError: Cannot read properties of undefined.*\(line 5, column \d+\)$/);
  });

  it("console output is captured for examples but not for hidden tests", async () => {
    const src = "export function softmax(x: number[][]) { console.log('args', x); return x.map(r => r.map(() => 1 / r.length)); }";
    const r = await grade("softmax", src);
    expect(r.console).toContain("args [[1, 2, 3]]");
    expect(r.console).not.toContain("1000");
    expect(r.console).toContain("hidden tests is not shown");
  });
});
