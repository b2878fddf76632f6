import { describe, expect, it } from "vitest";
import { close, exact, findMismatch, formatMismatch, toleranceOf } from "@/lib/grading/compare";
import { RecordValue, TensorEnvelope, toValue, Unsupported, type Value } from "@/lib/grading/value";

const tol = toleranceOf(close());
const zero = toleranceOf(exact());
const diff = (e: Value, a: Value, t = tol) => {
  const m = findMismatch(e, a, t);
  return m === null ? null : formatMismatch(m, true);
};

describe("close", () => {
  it("uses |a − b| ≤ atol + rtol·|b|", () => {
    expect(diff(1, 1 + 0.9e-4)).toBeNull();
    expect(diff(1, 1 + 1.2e-4)).toMatch(/expected 1, got 1.00012/);
    expect(diff(0, 5e-7)).toBeNull();
    expect(diff(0, 2e-6)).not.toBeNull();
  });

  it("matches NaN only with NaN, and never lets NaN pass by accident", () => {
    expect(diff(Number.NaN, Number.NaN)).toBeNull();
    expect(diff(1, Number.NaN)).toMatch(/expected 1, got NaN/);
    expect(diff(Number.NaN, 1)).not.toBeNull();
    expect(diff([0.5, 0.5], [Number.NaN, 0.5])).toMatch(/^index 0/);
  });

  it("treats infinities exactly and −0 as 0", () => {
    expect(diff(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBeNull();
    expect(diff(Number.POSITIVE_INFINITY, 1e308)).not.toBeNull();
    expect(diff(1e308, Number.POSITIVE_INFINITY)).not.toBeNull();
    expect(diff(0, -0, zero)).toBeNull();
  });

  it("compares values, not containers: arrays, typed arrays and tensors", () => {
    const t = new TensorEnvelope("float32", [2, 2], new Float32Array([0.1, 0.2, 0.3, 0.4]));
    expect(diff([[0.1, 0.2], [0.3, 0.4]], t)).toBeNull();
    expect(diff([[0.1, 0.2], [0.3, 0.4]], [new Float64Array([0.1, 0.2]), new Float32Array([0.3, 0.4])])).toBeNull();
    expect(diff([1, 2, 3], new Int32Array([1, 2, 3]), zero)).toBeNull();
    expect(diff(3, new TensorEnvelope("int32", [], new Int32Array([3])), zero)).toBeNull();
  });

  it("checks shape before values with a readable diff", () => {
    expect(diff([[1, 2], [3, 4]], [[1, 2, 3, 4]])).toBe("wrong shape: expected [2, 2], got [1, 4]");
    expect(diff([1, 2, 3], [1, 2])).toBe("wrong length: expected 3 items, got 2");
    expect(diff([7], [7, 8])).toBe("wrong length: expected 1 item, got 2");
    expect(diff(["a"], ["a", "b"])).toBe("wrong length: expected 1 item, got 2");
    expect(diff([[0, 0], [0, 0], [0.5, 1]], [[0, 0], [0, 0], [0.4999, 1]])).toBe("row 2, col 0: expected 0.5, got 0.4999");
    expect(diff([1], 1)).toMatch(/wrong shape/);
  });

  it("lets empty results match whatever their container", () => {
    expect(diff([], new Float32Array(0))).toBeNull();
    expect(diff([], new TensorEnvelope("float32", [0, 3], new Float32Array(0)))).toBeNull();
    expect(diff([], [1])).not.toBeNull();
  });

  it("compares object fields by the same rules and reports the path", () => {
    const e = toValue({ w: [1, 2], state: { t: 1 } });
    expect(diff(e, toValue({ w: new Float32Array([1, 2]), state: { t: 1 }, extra: 1 }))).toBeNull();
    expect(diff(e, toValue({ w: [1, 2.5], state: { t: 1 } }))).toBe("field w, index 1: expected 2, got 2.5");
    expect(diff(e, toValue({ w: [1, 2] }))).toBe("field state: missing");
  });

  it("does not mistake a plain object shaped like a tensor for one", () => {
    const fake = new RecordValue(new Map<string, Value>([["dtype", "float32"], ["shape", [2]], ["values", [1, 2]]]));
    expect(diff([1, 2], fake)).toMatch(/expected a number or array of numbers, got an object/);
  });

  it("never names the expected type in a hidden test's message", () => {
    const hidden = (e: Value, a: Value) => formatMismatch(findMismatch(e, a, tol)!, false);
    expect(hidden(toValue({ stoppedEpoch: 7 }), toValue({ stoppedEpoch: null }))).toBe("field stoppedEpoch: wrong type of value (got null)");
    expect(hidden([[1]], toValue({ a: 1 }))).not.toMatch(/array|number/);
  });

  it("rejects BigInt and unsupported values as numbers", () => {
    expect(diff(1, 1n)).toMatch(/got a BigInt/);
    expect(diff(1, new Unsupported("a Promise (missing await?)"))).toMatch(/a Promise/);
    expect(diff(1, "1")).toMatch(/got a string/);
  });
});

describe("exact", () => {
  it("needs equal numbers and strings", () => {
    expect(diff(4, 4.0000001, zero)).not.toBeNull();
    expect(diff("a", "a", zero)).toBeNull();
    expect(diff(true, false, zero)).toBe("expected true, got false");
    expect(diff(null, undefined, zero)).not.toBeNull();
  });
});

describe("formatMismatch for hidden tests", () => {
  it("shows where, never the expected or actual values", () => {
    const m = findMismatch([[0.25, 0.75]], [[0.3, 0.7]], tol);
    if (!m) throw new Error("expected a mismatch");
    expect(formatMismatch(m, false)).toBe("row 0, col 0: wrong value");
    const s = findMismatch([1, 2, 3], [1000, 1001], tol);
    if (!s) throw new Error("expected a mismatch");
    expect(formatMismatch(s, false)).toBe("wrong length");
  });
});
