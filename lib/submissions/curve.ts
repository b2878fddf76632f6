/** A visible example's expected and actual values as two curves, when both are same-length series of numbers. */
export interface Curves {
  expected: number[];
  actual: number[];
  /** The first index where they part (beyond the grader's default tolerance), or null. */
  firstDifference: number | null;
}

const MIN_POINTS = 3;

/** Two drawable series, or null when the values are not a series (a number, an object, another shape). */
export function curvesOf(shown: { expected: unknown; actual: unknown } | undefined): Curves | null {
  const expected = series(shown?.expected);
  const actual = series(shown?.actual);
  if (!expected || !actual || expected.length !== actual.length || expected.length < MIN_POINTS) return null;
  const firstDifference = expected.findIndex((e, i) => !(Math.abs((actual[i] ?? Number.NaN) - e) <= 1e-6 + 1e-4 * Math.abs(e)));
  return { expected, actual, firstDifference: firstDifference === -1 ? null : firstDifference };
}

function series(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  const numbers = value.map((item) => (typeof item === "number" ? item : Number.NaN));
  return numbers.some(Number.isFinite) ? numbers : null;
}
