import { describe, expect, it } from "vitest";
import { countedPoints, totalPoints } from "@/lib/scoring/points";

describe("counted points", () => {
  it("scales a counted score to the assignment's points, to the cent, and keeps 'nothing graded' apart from 0", () => {
    expect(countedPoints(0.6, 10)).toBe(6);
    expect(countedPoints(2 / 3, 10)).toBe(6.67);
    expect(countedPoints(0, 10)).toBe(0);
    expect(countedPoints(null, 10)).toBeNull();
  });

  it("totals a student's points, an ungraded assignment counting 0", () => {
    expect(totalPoints([6.67, null, 3.33, 0])).toBe(10);
    expect(totalPoints([])).toBe(0);
  });
});
