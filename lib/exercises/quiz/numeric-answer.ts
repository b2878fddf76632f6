/**
 * Reading a student's numeric answer and comparing it with tolerance.
 *
 * Accepted: a JSON number, or a string in plain decimal or exponent notation ("1875", "-0.25", ".5",
 * "2.5e-3", "1E6"), with an optional sign (the Unicode minus "−" copied from a prompt counts as "-") and
 * spaces as digit-group separators ("60 000", the way the course notes print large numbers).
 * Refused with a message: commas ("1,875" is 1875 in English and 1.875 in German, so guessing would
 * grade someone wrongly), fractions, percentages, hex, "Infinity", "NaN" and anything non-finite.
 */

export type NumericParse = { ok: true; value: number } | { ok: false; message: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?$/;

/** Parses a number or numeric string from a submission; never throws. */
export function parseNumericAnswer(input: number | string): NumericParse {
  if (typeof input === "number") {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: "The answer must be a finite number." };
  }
  const text = input.trim().replace(/\u2212/g, "-").replace(/[\u00a0\u202f\u2009]/g, " ");
  if (text === "") return { ok: false, message: "No answer given." };
  if (text.includes(",")) {
    return { ok: false, message: "Write the number without commas: use a point for decimals (1.875) and no thousands separator (1875)." };
  }
  if (!DECIMAL.test(text) && !GROUPED.test(text)) {
    return { ok: false, message: "Not a number: write it in decimal (0.25) or exponent notation (2.5e-1)." };
  }
  const value = Number(text.replace(/ /g, ""));
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: "The answer must be a finite number." };
}

/** |actual − expected| ≤ atol + rtol·|expected|; false for any non-finite value. */
export function withinTolerance(actual: number, expected: number, atol: number, rtol: number): boolean {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}
