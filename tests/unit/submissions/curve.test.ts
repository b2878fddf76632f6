import { describe, expect, it } from "vitest";
import { drawnMarks, drawnOver, drawnSeries, drawnTrajectory } from "@/lib/exercises/authoring/drawn";
import { returnsNewArray } from "@/lib/exercises/authoring/fresh";
import { toValue } from "@/lib/grading/value";
import { curvesOf, figureOf, partingPoint } from "@/lib/submissions/curve";
import { shownDisplay } from "@/lib/submissions/shown";
import { SERIES_EXPORT, SERIES_HARNESS_SOURCE } from "@/lib/grading/series-harness";

describe("curvesOf", () => {
  it("draws two same-length series and marks where they part", () => {
    expect(curvesOf({ expected: [0.1, 0.5, 0.9], actual: [0.1, 0.5, 0.8] })).toEqual({ expected: [0.1, 0.5, 0.9], actual: [0.1, 0.5, 0.8], xValues: [0, 1, 2], firstDifference: 2 });
    expect(curvesOf({ expected: [1, 2, 3], actual: [1, 2.00001, 3] })?.firstDifference).toBeNull();
  });

  it("marks a NaN in the student's curve as the parting point", () => {
    expect(curvesOf({ expected: [1, 2, 3, 4], actual: [1, 2, "NaN", 4] })?.firstDifference).toBe(2);
  });

  it("draws nothing for scalars, objects, short or mismatched series", () => {
    expect(curvesOf({ expected: 0.5, actual: 0.4 })).toBeNull();
    expect(curvesOf({ expected: { w: [1] }, actual: { w: [1] } })).toBeNull();
    expect(curvesOf({ expected: [1, 2], actual: [1, 2] })).toBeNull();
    expect(curvesOf({ expected: [1, 2, 3], actual: [1, 2] })).toBeNull();
    expect(curvesOf(undefined)).toBeNull();
  });
});

describe("figureOf", () => {
  it("draws a labelled trajectory with its axis names, parting where the student's path leaves", () => {
    const expected = { x: "step", y: "w[0]", values: [2, 1.9, 1.7, 1.4] };
    expect(figureOf({ expected, actual: { ...expected, values: [2, 1.9, 1.8, 1.6] } })).toEqual({
      kind: "curves",
      expected: [2, 1.9, 1.7, 1.4],
      actual: [2, 1.9, 1.8, 1.6],
      xValues: [0, 1, 2, 3],
      firstDifference: 2,
      xLabel: "step",
      yLabel: "w[0]",
    });
    // A student result of the wrong shape still draws nothing rather than a wrong picture.
    expect(figureOf({ expected, actual: null })).toBeNull();
    expect(figureOf({ expected: [1, 2, 3], actual: [1, 2, 4] })).toMatchObject({ kind: "curves", firstDifference: 2 });
  });

  it("places a schedule's points at their own steps and names the parting point by its step", () => {
    const steps = [0, 100, 200, 300, 400, 500, 600];
    const rate = (step: number) => 0.1 * 0.5 ** (step / 1000);
    const expected = { x: "step", y: "learning rate", xValues: steps, values: steps.map(rate) };
    // The student's schedule is right up to step 400 and parts at step 500 (index 5).
    const actual = { ...expected, values: steps.map((step) => (step < 500 ? rate(step) : 0.04)) };
    const figure = figureOf({ expected, actual });
    expect(figure).toMatchObject({ kind: "curves", xValues: steps, xLabel: "step", yLabel: "learning rate", firstDifference: 5 });
    if (figure?.kind !== "curves") throw new Error("not curves");
    expect(partingPoint(figure)).toEqual({ x: 500, text: "step 500" });
    // Without x values of its own a series counts its points.
    expect(partingPoint(curvesOf({ expected: [1, 2, 3], actual: [1, 2, 4] })!)).toEqual({ x: 2, text: "index 2" });
    expect(partingPoint(curvesOf({ expected: [1, 2, 3], actual: [1, 2, 3] })!)).toBeNull();
    // The axis comes from the expected side; a student's result cannot move it.
    expect(figureOf({ expected, actual: { ...actual, xValues: steps.map((s) => s * 2) } })).toMatchObject({ xValues: steps });
  });

  it("marks the expected and the student's stop on the shared curve, and says which differ", () => {
    const values = [1, 0.8, 0.7, 0.75, 0.8, 0.9];
    const figure = figureOf({
      expected: { x: "epoch", y: "validation loss", values, marks: { stoppedEpoch: 4, bestEpoch: 2 } },
      actual: { x: "epoch", y: "validation loss", values, marks: { stoppedEpoch: 5, bestEpoch: 2 } },
    });
    expect(figure).toEqual({
      kind: "marks",
      values,
      xLabel: "epoch",
      yLabel: "validation loss",
      marks: [
        { name: "stoppedEpoch", expected: 4, actual: 5, same: false },
        { name: "bestEpoch", expected: 2, actual: 2, same: true },
      ],
    });
  });

  it("treats null as 'none' and anything that is not an index of the curve as invalid", () => {
    const base = { x: "epoch", y: "loss", values: [1, 0.9, 0.8] };
    const figure = figureOf({ expected: { ...base, marks: { stoppedEpoch: null } }, actual: { ...base, marks: { stoppedEpoch: 7 } } });
    expect(figure).toMatchObject({ kind: "marks", marks: [{ expected: null, actual: "invalid", same: false }] });
    const same = figureOf({ expected: { ...base, marks: { stoppedEpoch: null } }, actual: { ...base, marks: { stoppedEpoch: null } } });
    expect(same).toMatchObject({ marks: [{ expected: null, actual: null, same: true }] });
    expect(figureOf({ expected: { ...base, marks: { stoppedEpoch: 1 } }, actual: "undefined" })).toMatchObject({ marks: [{ actual: "invalid", same: false }] });
  });
});

/** The harness as the sandbox runs it, over a plain module object (the sandbox's `module.exports`). */
function harness(exports: Record<string, unknown>) {
  const source = SERIES_HARNESS_SOURCE.replace(/\bexport (?=async function|function)/g, "");
  return new Function("module", `${source}; return ${SERIES_EXPORT};`)({ exports }) as (...args: unknown[]) => Promise<unknown>;
}
const keras = (w: number[], g: number[], v: number[], lr: number, m: number) => {
  const velocity = v.map((vi, i) => m * vi - lr * g[i]!);
  return { w: w.map((wi, i) => wi + velocity[i]!), velocity };
};

describe("the series harness", () => {
  it("feeds each step the state the previous one returned, with the gradient of the bowl at the new weights", async () => {
    const example = drawnTrajectory("t", { call: "momentumStep", firstArgs: [[2, 1], null, [0, 0], 0.1, 0.5], steps: 3, carry: { 0: "w", 2: "velocity" }, gradient: { arg: 1, scale: [1, 4] } });
    // The first call shown on the page is complete: its gradient comes from the same bowl.
    expect((example.args[1] as unknown[][])[0]).toEqual([[2, 1], [2, 4], [0, 0], 0.1, 0.5]);

    let w = [2, 1];
    let v = [0, 0];
    const want = [2];
    for (let k = 0; k < 3; k++) {
      ({ w, velocity: v } = keras(w, [w[0]!, 4 * w[1]!], v, 0.1, 0.5));
      want.push(w[0]!);
    }
    const result = (await harness({ momentumStep: keras })(...example.args)) as { x: string; y: string; values: number[] };
    expect(result.x).toBe("step");
    expect(result.y).toBe("w[0]");
    expect(result.values).toHaveLength(4);
    result.values.forEach((value, i) => expect(value).toBeCloseTo(want[i]!, 12));

    // A student who ignores the velocity passed in draws a different path from step 2 on.
    const forgetful = (wi: number[], g: number[], _v: number[], lr: number, m: number) => keras(wi, g, [0, 0], lr, m);
    const theirs = (await harness({ momentumStep: forgetful })(...example.args)) as { values: number[] };
    expect(figureOf({ expected: result, actual: theirs })).toMatchObject({ kind: "curves", firstDifference: 2 });
  });

  it("passes back plain arrays for tensors and typed arrays, as the host would", async () => {
    const tensorLike = (values: number[]) => ({ shape: [values.length], arraySync: () => values });
    const seen: unknown[] = [];
    const step = (w: number[], g: number[], state: { t: number }) => {
      seen.push(w, state);
      return { w: tensorLike(w.map((wi, i) => wi - 0.5 * g[i]!)), state: { t: state.t + 1, m: Float64Array.from([1]) } };
    };
    const example = drawnTrajectory("t", { call: "step", firstArgs: [[4], null, { t: 0 }], steps: 2, carry: { 0: "w", 2: "state" }, gradient: { arg: 1, scale: [1] } });
    const result = (await harness({ step })(...example.args)) as { values: number[] };
    expect(result.values).toEqual([4, 2, 1]);
    expect(seen[2]).toEqual([2]);
    expect(seen[3]).toEqual({ t: 1, m: [1] });
  });

  it("says which field is missing when a step returns no state", async () => {
    const example = drawnTrajectory("t", { call: "step", firstArgs: [[1], null, [0]], steps: 3, carry: { 0: "w", 2: "velocity" }, gradient: { arg: 1, scale: [1] } });
    await expect(harness({ step: (w: number[]) => ({ w }) })(...example.args)).rejects.toThrow(/returned no field velocity at step 1/);
    await expect(harness({ step: () => 42 })(...example.args)).rejects.toThrow(/returned no array w at step 1/);
  });

  it("returns the curve and the marked fields for a marked example, and plain series otherwise", async () => {
    const example = drawnMarks("m", "stop", [[1, 0.5, 0.7, 0.8], 2], { curveArg: 0, marks: ["stoppedEpoch", "bestEpoch"], x: "epoch", y: "validation loss" });
    const stop = (losses: number[], patience: number) => ({ stoppedEpoch: patience + 1, bestEpoch: losses.indexOf(Math.min(...losses)), extra: "ignored" });
    expect(await harness({ stop })(...example.args)).toEqual({ x: "epoch", y: "validation loss", values: [1, 0.5, 0.7, 0.8], marks: { stoppedEpoch: 3, bestEpoch: 1 } });
    expect(await harness({ square: (x: number) => x * x })("square", [[1], [2], [3]])).toEqual([1, 4, 9]);
  });

  it("returns a schedule with the step of each call as its x values, and names the step where it parts", async () => {
    const argsList = [0, 1000, 2000, 3000].map((step) => [0.1, step, 1000, 0.5, true]);
    const example = drawnSeries("s", "decay", argsList, { xArg: 1, x: "step", y: "learning rate" });
    const right = (lr: number, step: number, every: number, rate: number) => lr * rate ** Math.floor(step / every);
    const expected = await harness({ decay: right })(...example.args);
    expect(expected).toEqual({ x: "step", y: "learning rate", xValues: [0, 1000, 2000, 3000], values: [0.1, 0.05, 0.025, 0.0125] });
    const actual = await harness({ decay: (lr: number, step: number, every: number, rate: number) => (step === 2000 ? 0.04 : right(lr, step, every, rate)) })(...example.args);
    if (example.compare?.kind !== "check") throw new Error("a drawn series checks its values");
    expect(example.compare.check(toValue(expected), { args: example.args, expected: toValue(expected) })).toBe(true);
    expect(example.compare.check(toValue(actual), { args: example.args, expected: toValue(expected) })).toBe("at step 2000: expected 0.025, got 0.04");
  });

  it("draws an element-wise function over its inputs and names a difference by its input", async () => {
    const xs = [-2, -1, 0, 1, 2];
    const example = drawnOver("o", "sigmoid", [xs], { over: 0, x: "x", y: "σ(x)" });
    const right = (x: number[]) => Float64Array.from(x, (v) => 1 / (1 + Math.exp(-v)));
    const expected = await harness({ sigmoid: right })(...example.args);
    expect(expected).toMatchObject({ x: "x", y: "σ(x)", xValues: xs });
    expect((expected as { values: number[] }).values[2]).toBe(0.5);
    const flipped = await harness({ sigmoid: (x: number[]) => x.map((v) => 1 / (1 + Math.exp(v))) })(...example.args);
    if (example.compare?.kind !== "check") throw new Error("a drawn series checks its values");
    expect(example.compare.check(toValue(flipped), { args: example.args, expected: toValue(expected) })).toBe("at x -2: expected 0.119202922, got 0.880797078");
    const figure = figureOf({ expected, actual: flipped });
    expect(figure?.kind === "curves" ? partingPoint(figure) : null).toEqual({ x: -2, text: "x -2" });
  });

  it("tells a new array from the argument handed back", async () => {
    const test = returnsNewArray("fresh", "copy", [[1, 2], 0.5], 0);
    const expected = await harness({ copy: (x: number[]) => x.slice() })(...test.args);
    expect(expected).toEqual({ value: [1, 2], isArgument: false });
    const same = await harness({ copy: (x: number[]) => x })(...test.args);
    expect(same).toEqual({ value: [1, 2], isArgument: true });
    if (test.compare?.kind !== "check") throw new Error("a fresh-result test is a check");
    expect(test.compare.check(toValue(expected), { args: test.args, expected: toValue(expected) })).toBe(true);
    expect(test.compare.check(toValue(same), { args: test.args, expected: toValue(expected) })).toBe("returned argument 1 itself instead of a new array");
    const wrong = await harness({ copy: (x: number[]) => x.map((v) => v * 2) })(...test.args);
    expect(test.compare.check(toValue(wrong), { args: test.args, expected: toValue(expected) })).toMatch(/wrong value/);
  });
});

describe("shownDisplay", () => {
  it("does not repeat a failed number's expected and actual values under the message that states them", () => {
    // lr-schedules: inverseTimeDecay(0.1, 2500, 1000, 0.5, true) without the staircase floor.
    const shown = { expected: 0.05, actual: 0.1 / (1 + 0.5 * 2.5) };
    expect(shownDisplay(shown, "expected 0.05, got 0.04444444444")).toEqual({ figure: null, values: "none" });
    // A passed example has no message: its values are printed once.
    expect(shownDisplay({ expected: 0.05, actual: 0.05 }, "")).toEqual({ figure: null, values: "inline" });
    // A message that names only a place, or no values, leaves the arrays to the values line.
    expect(shownDisplay({ expected: [1, 2], actual: [1, 3] }, "item 1: expected 2, got 3")).toEqual({ figure: null, values: "inline" });
    expect(shownDisplay({ expected: 0.05, actual: null }, "threw TypeError: x is undefined")).toEqual({ figure: null, values: "inline" });
  });

  it("folds a drawn series' values under its chart and shows a model only as its summary", () => {
    expect(shownDisplay({ expected: [1, 2, 3], actual: [1, 2, 4] }, "item 2: expected 3, got 4")).toMatchObject({ figure: { kind: "curves" }, values: "folded" });
    const summary = { kind: "model-summary", layers: ["Input: 4 features", "Dense: 1 unit, softmax"], parameters: 5, loss: [1, 0.5, "NaN"], validationAccuracy: 0.5, problem: null };
    expect(shownDisplay({ expected: null, actual: summary }, "")).toEqual({
      figure: { kind: "model", layers: summary.layers, parameters: 5, loss: [1, 0.5, Number.NaN], validationAccuracy: 0.5, problem: null },
      values: "none",
    });
  });
});
