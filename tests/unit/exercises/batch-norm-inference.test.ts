/**
 * The batch-norm-inference package, beyond what exercises:check proves: every catalogue mistake has a
 * tagged, hinted test; the contract's edge cases (one row, ε = 0, ε omitted) are tested; every input is
 * float32-safe (checked again here, apart from the package's own load-time check); the prompt's figure is
 * the map it describes.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "@/lib/exercises/loader";
import type { TestCase } from "@/lib/exercises/schema";
import { plotSeries } from "./plot-blocks";

const ROOT = path.resolve(__dirname, "../../../exercises");
type Args = [number[][], number[], number[], number[], number[], number?];

function formula([x, gamma, beta, mean, variance, epsilon = 1e-3]: Args, round: (v: number) => number = (v) => v): number[][] {
  return x.map((row) => row.map((v, j) => round(round(round(gamma[j]! * round(v - mean[j]!)) / round(Math.sqrt(round(variance[j]! + epsilon)))) + beta[j]!)));
}

let tests: TestCase[] = [];
let examples: TestCase[] = [];
let prompt = "";
let warnings: string[] = [];
beforeAll(async () => {
  const loaded = await loadExercise("batch-norm-inference", ROOT);
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  ({ tests, examples } = loaded.pkg.exercise);
  prompt = loaded.pkg.prompt;
  warnings = loaded.warnings;
});

/** The direct calls (not the fresh-array probe, whose arguments are wrapped). */
const direct = (list: TestCase[]) => list.filter((t) => t.call === "batchNormInference").map((t) => ({ name: t.name, args: t.args as Args }));

describe("batch-norm-inference", () => {
  it("loads without warnings", () => {
    expect(warnings).toEqual([]);
  });

  it("has a tagged, hinted hidden test for every mistake of the catalogue", () => {
    for (const test of tests) {
      expect(test.misconception, test.name).toBeTruthy();
      expect(test.hint, test.name).toBeTruthy();
    }
    const tags = new Set(tests.map((t) => t.misconception));
    for (const tag of ["batch-statistics", "epsilon-outside-sqrt", "gamma-beta-swapped", "std-for-variance", "zero-epsilon-replaced-by-default", "wrong-default-epsilon"]) {
      expect(tags, tag).toContain(tag);
    }
  });

  it("tests a batch of one row, epsilon 0 given and epsilon omitted", () => {
    const calls = direct(tests);
    expect(calls.some(({ args }) => args[0].length === 1)).toBe(true);
    expect(calls.some(({ args }) => args.length === 6 && args[5] === 0)).toBe(true);
    expect(calls.some(({ args }) => args.length === 5)).toBe(true);
  });

  it("uses only inputs where float32 agrees with float64 within a tenth of the tolerance", () => {
    const calls = direct([...tests, ...examples]);
    expect(calls.length).toBeGreaterThan(20);
    for (const { name, args } of calls) {
      const exact = formula(args);
      const single = formula(args, Math.fround);
      exact.forEach((row, i) => row.forEach((e, j) => expect(Math.abs((single[i]?.[j] ?? Number.NaN) - e), `${name} [${i}][${j}]`).toBeLessThanOrEqual(0.1 * (1e-6 + 1e-4 * Math.abs(e)))));
    }
  });

  it("draws the inference map of one feature against training mode on a batch of one row", () => {
    const [inference, oneRow] = plotSeries(prompt, "One feature at inference and in training mode");
    if (!inference || !oneRow) throw new Error("two series expected");
    inference.data.forEach((y, i) => {
      const x = inference.start + i * inference.step;
      expect(Math.abs(y - (1.5 * (x - 2)) / Math.sqrt(4 + 1e-3) - 0.5), `x = ${x}`).toBeLessThanOrEqual(5e-5);
    });
    // Training mode on one row: the batch mean is the row itself, so every output is beta.
    expect(new Set(oneRow.data)).toEqual(new Set([0.5]));
    expect(oneRow.data).toHaveLength(inference.data.length);
  });
});
