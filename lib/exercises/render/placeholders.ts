/** `{{name}}` placeholders in prompts: finding them and formatting the values that fill them. */

/** Matches `{{name}}` and `{{ name }}`; names are identifiers. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type PlaceholderValue = number | string | boolean;

/** The distinct placeholder names used in `text`, in order of first use. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] ?? ""))];
}

/** The text a value shows as: numbers in shortest round-trip form (−0 as 0), booleans as words. */
export function formatParam(value: PlaceholderValue): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  return String(value);
}
