/** Copied-out values as small plain JSON, for showing a visible example's expected and actual result. */
import { isNumericTypedArray, RecordValue, TensorEnvelope, type Value } from "./value";

/** Numbers (and other leaves) at most in one shown value: a visible example is meant to be read. */
const MAX_ITEMS = 2000;

/** JSON-safe data for `value`, or undefined when it is too large or not data. Non-finite numbers become strings. */
export function toPlain(value: Value | undefined): unknown {
  const budget = { left: MAX_ITEMS };
  try {
    return convert(value, budget);
  } catch {
    return undefined;
  }
}

function convert(value: Value | undefined, budget: { left: number }): unknown {
  if (--budget.left < 0) throw new Error("too large");
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : String(value);
  if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return value.map((item) => convert(item, budget));
  if (isNumericTypedArray(value)) return Array.from(value, (n) => convert(n, budget));
  if (value instanceof TensorEnvelope) return reshape(Array.from(value.values, (n) => convert(n, budget)), value.shape);
  if (value instanceof RecordValue) return Object.fromEntries([...value.entries].map(([key, item]) => [key, convert(item, budget)]));
  throw new Error("not data");
}

function reshape(flat: unknown[], shape: number[]): unknown {
  if (shape.length <= 1) return shape.length === 0 ? flat[0] : flat;
  const [first, ...rest] = shape;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first ?? 0 }, (_, i) => reshape(flat.slice(i * size, (i + 1) * size), rest));
}
