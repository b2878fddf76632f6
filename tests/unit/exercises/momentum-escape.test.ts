/**
 * The momentum-escape package, beyond what exercises:check proves: every catalogue mistake has a tagged,
 * hinted test; every trajectory test is float32-safe (checked again here, apart from the package's own
 * load-time check); the prompt's figures are the loss and the trajectories they claim to be.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise, type ExercisePackage } from "@/lib/exercises/loader";
import type { TestCase } from "@/lib/exercises/schema";
import { gradeSource } from "@/lib/grading/runner";
import { SandboxProvider } from "@/lib/grading/sandbox/provider";
import { figureOf, type PathFigure } from "@/lib/submissions/curve";
import { plotSeries, plotTitled } from "./plot-blocks";

const ROOT = path.resolve(__dirname, "../../../exercises");
const f = (w: number): number => w ** 4 - 4 * w ** 2 + w;
const df = (w: number): number => 4 * w ** 3 - 8 * w + 1;

function trajectory(w0: number, lr: number, momentum: number, steps: number, round: (x: number) => number = (x) => x): number[] {
  const out = [round(w0)];
  let [w, v] = [round(w0), 0];
  for (let k = 0; k < steps; k++) {
    v = round(round(momentum * v) - round(lr * round(df(w))));
    w = round(w + v);
    out.push(w);
  }
  return out;
}

let tests: TestCase[] = [];
let examples: TestCase[] = [];
let prompt = "";
let topic = "";
let warnings: string[] = [];
let pkg: ExercisePackage;
const provider = new SandboxProvider({ useSnapshot: true, submissionsPerIsolate: 1 });
afterAll(() => provider.dispose());
beforeAll(async () => {
  const loaded = await loadExercise("momentum-escape", ROOT);
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  pkg = loaded.pkg;
  ({ tests, examples, topic } = loaded.pkg.exercise);
  prompt = loaded.pkg.prompt;
  warnings = loaded.warnings;
});

const runs = (list: TestCase[]) => list.filter((t) => Number.isInteger(t.args[3]) && Number(t.args[3]) >= 0).map((t) => ({ name: t.name, args: t.args.map(Number) }));

describe("momentum-escape", () => {
  it("loads without warnings, in the Optimizers topic", () => {
    expect(warnings).toEqual([]);
    expect(topic).toBe("Optimizers");
    expect(tests.length).toBeGreaterThan(20);
  });

  it("has a tagged, hinted hidden test for every mistake of the catalogue", () => {
    for (const test of tests) {
      expect(test.misconception, test.name).toBeTruthy();
      expect(test.hint, test.name).toBeTruthy();
    }
    const tags = new Set(tests.map((t) => t.misconception));
    for (const tag of ["gradient-sign", "nesterov-look-ahead", "w-before-v", "w0-missing", "extra-step", "no-range-check", "zero-steps"]) expect(tags, tag).toContain(tag);
    const rejected = tests.filter((t) => t.compare?.kind === "throws").map((t) => t.args[3]);
    expect(rejected).toEqual(expect.arrayContaining([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]));
    expect(tests.filter((t) => t.compare?.kind === "throws").every((t) => t.compare?.kind === "throws" && t.compare.errorType === "RangeError")).toBe(true);
  });

  it("uses only inputs where a float32 computation agrees with float64 within a tenth of the tolerance at every step", () => {
    const checked = runs([...tests, ...examples]);
    expect(checked.length).toBeGreaterThan(20);
    for (const { name, args } of checked) {
      const [w0, lr, momentum, steps] = args as [number, number, number, number];
      const exact = trajectory(w0, lr, momentum, steps);
      const single = trajectory(w0, lr, momentum, steps, Math.fround);
      exact.forEach((e, k) => expect(Math.abs((single[k] ?? Number.NaN) - e), `${name}, step ${k}`).toBeLessThanOrEqual(0.1 * (1e-4 + 1e-4 * Math.abs(e))));
    }
  });

  it("shows the escape it describes: momentum 0 stays near 1.35, enough momentum ends near −1.47", () => {
    const drawn = examples.filter((t) => t.name.endsWith("(drawn)")).map((t) => t.args.map(Number) as [number, number, number, number]);
    expect(drawn).toHaveLength(2);
    const [stays, escapes] = drawn.map((args) => trajectory(...args).at(-1) ?? Number.NaN);
    expect(stays).toBeCloseTo(1.347, 3);
    expect(escapes).toBeCloseTo(-1.473, 2);
  });

  it("draws f(w) = w⁴ − 4w² + w and marks its critical points", () => {
    const [loss] = plotSeries(prompt, "The loss f(w) = w⁴ − 4w² + w");
    if (!loss) throw new Error("no loss series");
    expect(loss.data.length).toBeGreaterThan(80);
    loss.data.forEach((y, i) => expect(Math.abs(y - f(loss.start + i * loss.step)), `w = ${loss.start + i * loss.step}`).toBeLessThanOrEqual(5e-5));
    const markers = plotTitled(prompt, "The loss f(w) = w⁴ − 4w² + w").marker;
    const xs = (Array.isArray(markers) ? markers : []).map((m) => m.x);
    for (const root of [-1.473, 0.126, 1.347]) {
      expect(xs.some((x) => Math.abs(x - root) < 1e-3 && Math.abs(df(x)) < 0.02)).toBe(true);
    }
  });

  it("draws the trajectories from w0 = 2 with lr 0.05 for momentum 0, 0.5 and 0.8", () => {
    const series = plotSeries(prompt, "w over the steps, from w₀ = 2 with lr = 0.05");
    const expected = [
      trajectory(2, 0.05, 0, 40),
      trajectory(2, 0.05, 0.5, 60),
      trajectory(2, 0.05, 0.8, 60),
    ];
    expect(series).toHaveLength(3);
    series.forEach((s, i) => {
      expect(s.data).toHaveLength(expected[i]?.length ?? -1);
      s.data.forEach((w, k) => expect(Math.abs(w - (expected[i]?.[k] ?? Number.NaN))).toBeLessThanOrEqual(5e-5));
    });
    // The description says the ball crosses the barrier (0.126) at step 4.
    expect(expected[2]?.findIndex((w) => w < 0.126)).toBe(4);
  });

  it("draws its two escape examples as the ball's positions on f: f sampled over the range, both paths the trajectory", async () => {
    // A Run of the reference solution: the page receives what the runner shows, for the expected side and the student's.
    const result = await gradeSource(pkg, pkg.solution, { provider, examplesOnly: true });
    expect(result.score).toBe(1);
    const drawn = examples.filter((t) => t.name.endsWith("(drawn)"));
    expect(drawn).toHaveLength(2);
    const figures = drawn.map((t) => {
      const shown = result.tests.find((r) => r.name === t.name)?.shown as { expected: unknown; actual: unknown } | undefined;
      const figure = figureOf(shown);
      if (figure?.kind !== "path") throw new Error(`${t.name}: no path figure: ${JSON.stringify(shown).slice(0, 200)}`);
      return { figure: figure as PathFigure, run: t.args.map(Number) as [number, number, number, number] };
    });
    for (const { figure, run } of figures) {
      expect(figure).toMatchObject({ xLabel: "w", yLabel: "f(w)", firstDifference: null });
      expect(figure.curve.x.length).toBeGreaterThan(40);
      figure.curve.x.forEach((w, i) => expect(figure.curve.y[i], `f(${w})`).toBeCloseTo(f(w), 10));
      // The curve spans every position of the path, so none is left off the picture.
      const want = trajectory(...run);
      for (const side of [figure.expected, figure.actual]) {
        expect(side?.x).toHaveLength(want.length);
        side?.x.forEach((w, k) => expect(Math.abs(w - want[k]!), `step ${k}`).toBeLessThanOrEqual(1e-9));
        side?.x.forEach((w, k) => expect(side.y[k]).toBeCloseTo(f(w), 10));
        expect(Math.min(...side!.x)).toBeGreaterThanOrEqual(Math.min(...figure.curve.x));
        expect(Math.max(...side!.x)).toBeLessThanOrEqual(Math.max(...figure.curve.x));
      }
      expect(figure.steps?.expected).toEqual(figure.expected.x);
    }
    // Momentum 0 stays right of the barrier near 0.13; momentum 0.8 crosses it to the global minimum.
    const [stays, escapes] = figures.map(({ figure }) => figure.expected.x);
    expect(stays!.every((w) => w > 0.13)).toBe(true);
    expect(escapes!.at(-1)).toBeCloseTo(-1.473, 2);
  });

  it("draws where a student's trajectory parts from the expected one, and shows hidden tests nothing", async () => {
    // Plain gradient descent: momentum ignored, so the ball never crosses the barrier.
    const noMomentum = `export function momentumTrajectory(w0: number, lr: number, momentum: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError("steps");
  const out = [w0];
  let w = w0;
  for (let k = 0; k < steps; k++) { w -= lr * (4 * w ** 3 - 8 * w + 1); out.push(w); }
  return out;
}`;
    const result = await gradeSource(pkg, noMomentum, { provider });
    const escape = result.tests.find((r) => r.name.includes("over the barrier"));
    const figure = figureOf(escape?.shown as { expected: unknown; actual: unknown });
    if (figure?.kind !== "path") throw new Error("no path figure");
    // Step 1 is the same from rest (v = −lr·f′); from step 2 the velocity carries over.
    expect(figure.firstDifference).toBe(2);
    expect(figure.actual?.x.at(-1)).toBeCloseTo(1.347, 3);
    const hidden = new Set(tests.map((t) => t.name));
    expect(result.tests.filter((r) => hidden.has(r.name) && r.shown !== undefined)).toEqual([]);
  });
});
