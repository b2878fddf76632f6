/** Comparators: host-side checks of a copied-out result against the expected value. */
import { describeIndex, formatNumber, formatShape, sameShape, toNumeric } from "./numeric";
import { plural } from "../format/plural";
import { describeType, RecordValue, type Value } from "./value";

export const ERROR_CLASSES = ["Error", "RangeError", "TypeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"] as const;
export type ErrorClassName = (typeof ERROR_CLASSES)[number];

export interface CheckContext {
  args: unknown[];
  expected: Value | undefined;
}
/** A custom check returns true, or a message saying what is wrong (it must not reveal hidden data). */
export type CheckFn = (actual: Value, ctx: CheckContext) => true | string;

export type Comparator =
  | { kind: "exact" }
  | { kind: "close"; rtol: number; atol: number }
  | { kind: "throws"; errorType?: ErrorClassName }
  | { kind: "check"; check: CheckFn };

/** Deep equality, container-independent for numbers; NaN equals NaN, −0 equals 0. */
export const exact = (): Comparator => ({ kind: "exact" });
/** |a − b| ≤ atol + rtol·|b| element-wise after equal shapes (defaults rtol 1e-4, atol 1e-6). */
export const close = (opts: { rtol?: number; atol?: number } = {}): Comparator => ({
  kind: "close",
  rtol: opts.rtol ?? 1e-4,
  atol: opts.atol ?? 1e-6,
});
/** The call must throw a real Error (of the given built-in class or a subclass). */
export const throws = (errorType?: ErrorClassName): Comparator => ({ kind: "throws", errorType });
/** A custom host-side check. */
export const check = (fn: CheckFn): Comparator => ({ kind: "check", check: fn });

/** Where a result differs; only `where` and `reason` are safe to show for hidden tests. */
export interface Mismatch {
  where: string;
  reason: string;
  expected?: string;
  got?: string;
}

interface Tolerance {
  rtol: number;
  atol: number;
}

function join(path: string, part: string): string {
  return path && part ? `${path}, ${part}` : path || part;
}

function numbersDiffer(e: number, a: number, tol: Tolerance): boolean {
  if (Number.isNaN(e)) return !Number.isNaN(a);
  if (!Number.isFinite(e)) return a !== e;
  // Written so that a NaN actual can never pass: any comparison with NaN is false.
  return !(Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e));
}

/** First difference between expected and actual, or null when they match. */
export function findMismatch(expected: Value, actual: Value, tol: Tolerance, path = ""): Mismatch | null {
  const ne = toNumeric(expected);
  if (ne !== null) {
    const na = toNumeric(actual);
    if (na === null) {
      if (Array.isArray(expected) && Array.isArray(actual)) return compareArrays(expected, actual, tol, path);
      return { where: path, reason: "wrong type", expected: "a number or array of numbers", got: describeType(actual) };
    }
    if (ne.values.length === 0 && na.values.length === 0) return null;
    if (!sameShape(ne.shape, na.shape)) {
      if (ne.shape.length === 1 && na.shape.length === 1) {
        return { where: path, reason: "wrong length", expected: plural(ne.shape[0] ?? 0, "item"), got: `${na.shape[0]}` };
      }
      return { where: path, reason: "wrong shape", expected: formatShape(ne.shape), got: formatShape(na.shape) };
    }
    for (let i = 0; i < ne.values.length; i++) {
      const e = ne.values[i] ?? Number.NaN;
      const a = na.values[i] ?? Number.NaN;
      if (numbersDiffer(e, a, tol)) {
        return { where: join(path, describeIndex(ne.shape, i)), reason: "wrong value", expected: formatNumber(e), got: formatNumber(a) };
      }
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { where: path, reason: "wrong type", expected: "an array", got: describeType(actual) };
    return compareArrays(expected, actual, tol, path);
  }
  if (expected instanceof RecordValue) {
    if (!(actual instanceof RecordValue)) return { where: path, reason: "wrong type", expected: "an object", got: describeType(actual) };
    for (const [key, e] of expected.entries) {
      if (!actual.entries.has(key)) return { where: join(path, `field ${key}`), reason: "missing" };
      const m = findMismatch(e, actual.entries.get(key), tol, join(path, `field ${key}`));
      if (m) return m;
    }
    return null;
  }
  if (expected === actual) return null;
  const got = typeof actual === "string" ? JSON.stringify(actual) : describeType(actual);
  const want = typeof expected === "string" ? JSON.stringify(expected) : String(expected);
  return { where: path, reason: "wrong value", expected: want, got: typeof actual === "boolean" ? String(actual) : got };
}

function compareArrays(expected: Value[], actual: Value[], tol: Tolerance, path: string): Mismatch | null {
  if (expected.length !== actual.length) {
    return { where: path, reason: "wrong length", expected: plural(expected.length, "item"), got: String(actual.length) };
  }
  for (let i = 0; i < expected.length; i++) {
    const m = findMismatch(expected[i], actual[i], tol, join(path, `item ${i}`));
    if (m) return m;
  }
  return null;
}

/** Tolerance a comparator implies for value comparison (exact → zero). */
export function toleranceOf(c: Comparator): Tolerance {
  return c.kind === "close" ? { rtol: c.rtol, atol: c.atol } : { rtol: 0, atol: 0 };
}

/**
 * Readable sentence for a mismatch. With `reveal` false (hidden tests) neither value is shown: the
 * expected value is secret and the student's own value may echo a hidden input.
 */
export function formatMismatch(m: Mismatch, reveal: boolean): string {
  const where = m.where ? `${m.where}: ` : "";
  if (reveal && m.expected !== undefined) {
    const what = m.reason === "wrong value" || m.reason === "wrong type" ? "" : `${m.reason}: `;
    return `${where}${what}expected ${m.expected}, got ${m.got ?? "?"}`;
  }
  // A hidden test may say what kind of value came back, never what kind was expected.
  if (m.reason === "wrong type") return `${where}wrong type of value (got ${m.got ?? "something else"})`;
  return `${where}${m.reason}`;
}
