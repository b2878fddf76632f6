/** Longest stored answer text printed on a page; the rest is cut with "…". */
export const MAX_SHOWN_ANSWER_CHARS = 400;
/** Deeper values are shown as "…": a stored answer may predate the checks on its shape. */
const MAX_SHOWN_DEPTH = 6;

/**
 * A stored JSON value on one line (no indentation), at most `maxChars` characters and `MAX_SHOWN_DEPTH`
 * levels, however large or deep the value: it stops writing once the budget is spent, and never recurses
 * (JSON.stringify overflows the stack on a few thousand levels).
 */
export function compactJson(value: unknown, maxChars = MAX_SHOWN_ANSWER_CHARS): string {
  let out = "";
  // A stack of pending pieces: a value to write at a depth, or a literal to append.
  const pending: Array<{ text: string } | { value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0 && out.length <= maxChars) {
    const next = pending.pop()!;
    if ("text" in next) {
      out += next.text;
      continue;
    }
    const { value: current, depth } = next;
    if (current === null || typeof current !== "object") {
      out += current === undefined ? "null" : JSON.stringify(current).slice(0, maxChars + 1);
    } else if (depth >= MAX_SHOWN_DEPTH) {
      out += Array.isArray(current) ? "[…]" : "{…}";
    } else {
      // Each entry takes at least one character, so no more than the budget can ever be shown.
      const entries = Array.isArray(current) ? current.slice(0, maxChars + 1).map((item) => [null, item] as const) : Object.entries(current).slice(0, maxChars + 1);
      const pieces: Array<{ text: string } | { value: unknown; depth: number }> = [{ text: Array.isArray(current) ? "[" : "{" }];
      entries.forEach(([key, item], index) => {
        if (index > 0) pieces.push({ text: ", " });
        if (key !== null) pieces.push({ text: `${JSON.stringify(key)}: ` });
        pieces.push({ value: item, depth: depth + 1 });
      });
      pieces.push({ text: Array.isArray(current) ? "]" : "}" });
      for (let i = pieces.length - 1; i >= 0; i--) pending.push(pieces[i]!);
    }
  }
  return out.length > maxChars || pending.length > 0 ? `${out.slice(0, maxChars)}…` : out;
}
