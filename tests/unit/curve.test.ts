import { describe, expect, it } from "vitest";
import { curvesOf } from "@/lib/submissions/curve";

describe("curvesOf", () => {
  it("draws two same-length series and marks where they part", () => {
    expect(curvesOf({ expected: [0.1, 0.5, 0.9], actual: [0.1, 0.5, 0.8] })).toEqual({ expected: [0.1, 0.5, 0.9], actual: [0.1, 0.5, 0.8], firstDifference: 2 });
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
