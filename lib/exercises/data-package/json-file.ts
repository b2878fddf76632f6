/** Parses a JSON file of a package, naming the line and column of a syntax error. */

export type JsonFileResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Line and column (from 1) of a character offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const lines = text.slice(0, Math.max(0, Math.min(position, text.length))).split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

function parseError(text: string): Error | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Whether `prefix` is valid JSON cut short (its only problem is that it ends too early). */
function cutShort(prefix: string): boolean {
  const error = parseError(prefix);
  if (!error || error.message.startsWith("Unexpected end of JSON input")) return true;
  const at = /at position (\d+)/.exec(error.message);
  return at !== null && Number(at[1]) >= prefix.length;
}

/**
 * Where V8 names no position ("Unexpected token ']', … is not valid JSON"): the shortest prefix that is
 * wrong rather than cut short ends at the culprit (being wrong is monotonic in the prefix length).
 */
function errorPosition(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cutShort(text.slice(0, mid + 1))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `"exercise.json: line 3 column 1: Expected double-quoted property name"` on a syntax error. */
export function parseJsonFile(name: string, text: string): JsonFileResult {
  const error = parseError(text);
  if (!error) return { ok: true, value: JSON.parse(text) as unknown };
  const located = /^(.*?)(?: in JSON)? at position (\d+)/.exec(error.message);
  const message = located?.[1] ?? error.message.replace(/, ".*" is not valid JSON$/s, "");
  const { line, column } = lineAndColumn(text, located ? Number(located[2]) : errorPosition(text));
  return { ok: false, error: `${name}: line ${line} column ${column}: ${message}` };
}
