/**
 * A copied-out result as the plain data a custom check receives: numbers as they are (NaN and ±Infinity
 * kept), typed arrays and tensors as (nested) number arrays, records as plain objects. What is not data
 * (a function, a Map, a Promise…) arrives as null: a check cannot tell more than a comparator could.
 */
import { isNumericTypedArray, RecordValue, TensorEnvelope, Unsupported, type Value } from "../value";

/** Plain data for one value, for structured clone into the authored sandbox. */
export function toCheckData(value: Value | undefined): unknown {
  if (value === undefined || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toCheckData);
  if (isNumericTypedArray(value)) return Array.from(value);
  if (value instanceof TensorEnvelope) return nest(Array.from(value.values), value.shape);
  if (value instanceof RecordValue) {
    // fromEntries defines own keys: a "__proto__" key stays a key.
    return Object.fromEntries([...value.entries].map(([key, item]) => [key, toCheckData(item)]));
  }
  if (value instanceof Unsupported) return null;
  return null;
}

function nest(flat: number[], shape: number[]): unknown {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return flat;
  const [first = 0, ...rest] = shape;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first }, (_, i) => nest(flat.slice(i * size, (i + 1) * size), rest));
}
