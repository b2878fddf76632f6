/**
 * Reading a student's numeric answer and comparing it with tolerance.
 *
 * Accepted: a JSON number, or a string in plain decimal or exponent notation ("1875", "-0.25", ".5",
 * "2.5e-3", "1E6"), with an optional sign (the Unicode minus "−" copied from a prompt counts as "-") and
 * spaces as digit-group separators ("60 000", the way the course notes print large numbers).
 * Refused with a message: commas ("1,875" is 1875 in English and 1.875 in German, so guessing would
 * grade someone wrongly; the message names both readings), a unit after the number ("35 epochs": the unit
 * is printed beside the field), fractions, percentages, hex, "Infinity", "NaN" and anything non-finite.
 */

export type NumericParse = { ok: true; value: number } | { ok: false; message: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?$/;
/** A number followed by a word, as in "35 epochs": the unit is printed beside the field already. */
const WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?) ?[A-Za-z][A-Za-z -]*$/;
/** "115,056": a thousands separator in English, a decimal comma in German; both readings are named. */
const ONE_COMMA = /^([+-]?\d+),(\d+)$/;

function commaMessage(text: string): string {
  const parts = ONE_COMMA.exec(text);
  const advice = "use a point for decimals and no thousands separator";
  if (!parts) return `Write the number without commas: ${advice} (1875 or 1.875).`;
  const [, whole, rest] = parts;
  return `"${text}" has a comma, which could mean ${whole}${rest} or ${whole}.${rest}: write it without the comma (${advice}).`;
}

/** Parses a number or numeric string from a submission; never throws. */
export function parseNumericAnswer(input: number | string): NumericParse {
  if (typeof input === "number") {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: "The answer must be a finite number." };
  }
  const text = input.trim().replace(/\u2212/g, "-").replace(/[\u00a0\u202f\u2009]/g, " ");
  if (text === "") return { ok: false, message: "No answer given." };
  if (text.includes(",")) return { ok: false, message: commaMessage(text) };
  if (!DECIMAL.test(text) && !GROUPED.test(text)) {
    const withUnit = WITH_UNIT.exec(text);
    if (withUnit) return { ok: false, message: `Write only the number, without a unit: ${withUnit[1]} rather than "${text}".` };
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
