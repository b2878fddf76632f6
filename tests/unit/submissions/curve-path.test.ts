import { describe, expect, it } from "vitest";
import { drawnPath, showPathOver } from "@/lib/exercises/authoring/drawn";
import { close } from "@/lib/grading/compare";
import { toPlain } from "@/lib/grading/plain";
import { toValue } from "@/lib/grading/value";
import { figureOf, pathFigureOf } from "@/lib/submissions/curve";
import { shownDisplay } from "@/lib/submissions/shown";

const f = (w: number) => w ** 4 - 4 * w ** 2 + w;
const spec = { f, from: -2, to: 2, samples: 9, x: "w", y: "f(w)" };
/** What the page receives: the shown value after it crossed as plain JSON. */
const shownOf = (result: unknown) => toPlain(toValue(showPathOver(spec)(toValue(result))));

describe("showPathOver", () => {
  it("samples f evenly over the range and puts each position at (w, f(w))", () => {
    const shown = shownOf([2, 1.15, 1.256]) as { kind: string; x: string; y: string; curve: { x: number[]; y: number[] }; path: { x: number[]; y: number[] } };
    expect(shown).toMatchObject({ kind: "path-over-curve", x: "w", y: "f(w)" });
    expect(shown.curve.x).toEqual([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]);
    shown.curve.x.forEach((w, i) => expect(shown.curve.y[i]).toBe(f(w)));
    expect(shown.path.x).toEqual([2, 1.15, 1.256]);
    expect(shown.path.y).toEqual([f(2), f(1.15), f(1.256)]);
  });

  it("reads a Float32Array as a path, and a non-finite value as NaN", () => {
    const fromTyped = shownOf(new Float32Array([1, 0.5, Number.NaN])) as { path: { x: unknown[]; y: unknown[] } };
    expect(fromTyped.path.x).toEqual([1, 0.5, "NaN"]);
    expect(fromTyped.path.y).toEqual([f(1), f(0.5), "NaN"]);
  });

  it("shows anything that is not a series of numbers as it is", () => {
    expect(shownOf(3)).toBe(3);
    expect(shownOf(["a", "b"])).toEqual(["a", "b"]);
    expect(shownOf([])).toEqual([]);
    expect(shownOf({ w: [1, 2] })).toEqual({ w: [1, 2] });
  });

  it("makes a visible example that calls the export itself, compares its raw result, and shows the path", () => {
    const test = drawnPath("example", "momentumTrajectory", [2, 0.05, 0, 3], { ...spec, compare: close({ rtol: 1e-4, atol: 1e-4 }) });
    expect(test).toMatchObject({ name: "example", call: "momentumTrajectory", args: [2, 0.05, 0, 3], compare: { kind: "close", rtol: 1e-4, atol: 1e-4 } });
    expect(toPlain(toValue(test.show?.(toValue([2, 1])))) ).toMatchObject({ kind: "path-over-curve", path: { x: [2, 1] } });
  });
});

describe("pathFigureOf", () => {
  const expected = shownOf([2, 1.15, 1.256, 1.312]);

  it("draws the expected and the student's positions on the curve, with the same positions over the steps", () => {
    const figure = figureOf({ expected, actual: shownOf([2, 1.15, 1.256, 1.312]) });
    expect(figure?.kind).toBe("path");
    if (figure?.kind !== "path") return;
    expect(figure).toMatchObject({ xLabel: "w", yLabel: "f(w)", firstDifference: null, expected: { x: [2, 1.15, 1.256, 1.312] }, actual: { x: [2, 1.15, 1.256, 1.312] } });
    expect(figure.curve.x).toHaveLength(9);
    expect(figure.steps).toEqual({ expected: [2, 1.15, 1.256, 1.312], actual: [2, 1.15, 1.256, 1.312], xValues: [0, 1, 2, 3], firstDifference: null, xLabel: "step", yLabel: "w" });
  });

  it("names the first step where the positions part, and where one path ends first", () => {
    expect(pathFigureOf({ expected, actual: shownOf([2, 1.15, 1.3, 1.312]) })?.firstDifference).toBe(2);
    expect(pathFigureOf({ expected, actual: shownOf([2, 1.15, 1.256, 1.31205]) })?.firstDifference).toBeNull();
    const short = pathFigureOf({ expected, actual: shownOf([2, 1.15]) });
    expect(short).toMatchObject({ firstDifference: 2, steps: null });
    expect(pathFigureOf({ expected, actual: shownOf([2, 1.15, 1.256, 1.312, 1.33]) })?.firstDifference).toBe(4);
    expect(pathFigureOf({ expected, actual: shownOf([2, Number.NaN, 1.256, 1.312]) })?.firstDifference).toBe(1);
  });

  it("takes the curve and the axis names from the expected side only", () => {
    const forged = { ...(shownOf([2, 1.15, 1.256, 1.312]) as object), x: "loss", curve: { x: [0, 1], y: [0, 100] } };
    const figure = pathFigureOf({ expected, actual: forged });
    expect(figure?.xLabel).toBe("w");
    expect(figure?.curve.x).toHaveLength(9);
  });

  it("still draws the expected path when the student's result is not a series, and nothing when the expected value is not a path", () => {
    expect(pathFigureOf({ expected, actual: 3 })).toMatchObject({ actual: null, firstDifference: null, steps: null });
    expect(pathFigureOf({ expected: [2, 1.15, 1.256], actual: [2, 1.15, 1.256] })).toBeNull();
    expect(pathFigureOf({ expected: { kind: "path-over-curve", x: "w", y: "f(w)", curve: { x: [1], y: [1] }, path: { x: [1], y: [1] } }, actual: null })).toBeNull();
    expect(pathFigureOf(undefined)).toBeNull();
  });

  it("shows the figure alone: the raw form only repeats the sampled curve", () => {
    expect(shownDisplay({ expected, actual: shownOf([2, 1.15, 1.3, 1.312]) }, "at [2]: expected 1.256, got 1.3")).toMatchObject({ figure: { kind: "path" }, values: "none" });
  });
});
