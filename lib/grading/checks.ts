/** Building blocks for host-side `check`s in exercise files. */
import { findMismatch, formatMismatch } from "./compare";
import { toValue, type Value } from "./value";

/**
 * Compares a result with a reference computed on the host (by tfjs, say) by the close() rule
 * (|a − b| ≤ atol + rtol·|b|, shape first). The message is a hidden test's: it never shows the reference.
 */
export function closeToReference(reference: unknown, actual: Value, tolerance = { rtol: 1e-4, atol: 1e-6 }): true | string {
  const mismatch = findMismatch(toValue(reference), actual, tolerance);
  return mismatch === null ? true : formatMismatch(mismatch, false);
}
