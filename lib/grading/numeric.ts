/** Container-independent view of numeric results: numbers, nested arrays, typed arrays and tensors. */
import { isNumericTypedArray, TensorEnvelope, type Value } from "./value";

export interface Numeric {
  shape: number[];
  values: ArrayLike<number>;
}

/** Shape and flat values of a numeric value, or null when it is not a rectangular array of numbers. */
export function toNumeric(v: Value): Numeric | null {
  if (typeof v === "number") return { shape: [], values: [v] };
  if (v instanceof TensorEnvelope) return { shape: v.shape, values: v.values };
  if (isNumericTypedArray(v)) return { shape: [v.length], values: v };
  if (!Array.isArray(v)) return null;
  if (v.length === 0) return { shape: [0], values: [] };
  const parts: Numeric[] = [];
  for (const item of v) {
    const n = toNumeric(item);
    if (n === null) return null;
    parts.push(n);
  }
  const inner = parts[0]?.shape ?? [];
  if (!parts.every((p) => sameShape(p.shape, inner))) return null;
  const values: number[] = [];
  for (const p of parts) for (let i = 0; i < p.values.length; i++) values.push(p.values[i] ?? Number.NaN);
  return { shape: [v.length, ...inner], values };
}

/** True when two shapes are identical. */
export function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** "row 2, col 0" style coordinates of a flat index in a shape. */
export function describeIndex(shape: number[], flat: number): string {
  const coords: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] ?? 1;
    coords.unshift(size === 0 ? 0 : rest % size);
    rest = size === 0 ? 0 : Math.floor(rest / size);
  }
  if (coords.length === 0) return "";
  if (coords.length === 1) return `index ${coords[0]}`;
  if (coords.length === 2) return `row ${coords[0]}, col ${coords[1]}`;
  return `at [${coords.join(", ")}]`;
}

/** A number as a student would want to read it (-0 shown, 10 significant digits). */
export function formatNumber(v: number): string {
  if (Object.is(v, -0)) return "-0";
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}

/** A shape as "[2, 3]". */
export function formatShape(shape: number[]): string {
  return `[${shape.join(", ")}]`;
}
