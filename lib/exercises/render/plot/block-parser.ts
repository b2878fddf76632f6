/**
 * Reads the text of a ```plot block into a plain record, before zod gives it meaning.
 *
 * Two forms are accepted:
 * - JSON: the whole block is one JSON object (it starts with `{`).
 * - `key: value` lines (a YAML-like subset). A value is a number, `true`/`false`/`null`, a "double" or
 *   'single' quoted string, a flow list `[a, b]`, a flow map `{k: v, k2: v2}` or a bare word or phrase
 *   (a string; quote it if it contains `,`, `:`, `[`, `]`, `{` or `}`). A line that does not start with
 *   `key:` at column 0 continues the previous value, so long lists can span lines. `#` starts a comment line.
 */

export type BlockParse = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_]*)\s*:(.*)$/;

class FlowReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  read(): unknown {
    const value = this.value("");
    this.skipSpace();
    if (this.pos < this.text.length) throw new Error(`unexpected "${this.text.slice(this.pos, this.pos + 10)}"`);
    return value;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  private value(stops: string): unknown {
    this.skipSpace();
    const ch = this.text.charAt(this.pos);
    if (ch === "[") return this.list();
    if (ch === "{") return this.map();
    if (ch === '"' || ch === "'") return this.quoted(ch);
    return this.bare(stops);
  }

  private list(): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text.charAt(this.pos) === "]") {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(",]"));
      this.skipSpace();
      const ch = this.text.charAt(this.pos++);
      if (ch === "]") return items;
      if (ch !== ",") throw new Error("expected ',' or ']' in a list");
    }
  }

  private map(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text.charAt(this.pos) === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const key = this.value(":");
      if (typeof key !== "string" || key === "") throw new Error("expected a key in a map");
      this.skipSpace();
      if (this.text.charAt(this.pos++) !== ":") throw new Error(`expected ':' after "${key}"`);
      Object.defineProperty(out, key, { value: this.value(",}"), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const ch = this.text.charAt(this.pos++);
      if (ch === "}") return out;
      if (ch !== ",") throw new Error("expected ',' or '}' in a map");
    }
  }

  private quoted(quote: string): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text.charAt(this.pos);
      if (ch === "\\" && quote === '"') this.pos += 2;
      else if (ch === quote && quote === "'" && this.text.charAt(this.pos + 1) === "'") this.pos += 2;
      else if (ch === quote) break;
      else this.pos++;
    }
    if (this.pos >= this.text.length) throw new Error("unterminated string");
    const raw = this.text.slice(start, ++this.pos);
    const parsed: unknown = quote === '"' ? JSON.parse(raw) : raw.slice(1, -1).replace(/''/g, "'");
    return typeof parsed === "string" ? parsed : "";
  }

  private bare(stops: string): unknown {
    const start = this.pos;
    while (this.pos < this.text.length && !stops.includes(this.text.charAt(this.pos)) && !"[]{}".includes(this.text.charAt(this.pos))) this.pos++;
    const word = this.text.slice(start, this.pos).trim();
    if (word === "") throw new Error("expected a value");
    if (NUMBER.test(word)) return Number(word);
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    return word;
  }
}

function keyValueLines(text: string): BlockParse {
  const value: Record<string, unknown> = {};
  const entries: { key: string; line: number; text: string }[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const match = KEY_LINE.exec(line);
    const last = entries.at(-1);
    if (match) entries.push({ key: match[1] ?? "", line: index + 1, text: match[2] ?? "" });
    else if (last) last.text += `\n${line}`;
    else return { ok: false, error: `line ${index + 1}: expected "key: value"` };
  }
  for (const entry of entries) {
    if (Object.hasOwn(value, entry.key)) return { ok: false, error: `line ${entry.line}: "${entry.key}" is given twice` };
    try {
      // defineProperty: a key named __proto__ must be data, not a prototype change.
      Object.defineProperty(value, entry.key, { value: new FlowReader(entry.text).read(), enumerable: true, writable: true, configurable: true });
    } catch (error) {
      return { ok: false, error: `line ${entry.line} ("${entry.key}"): ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { ok: true, value };
}

/** Parses a plot block's text; syntax errors name the line and key. */
export function parsePlotBlockText(text: string): BlockParse {
  if (text.trimStart().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, error: "JSON block must be an object" };
      return { ok: true, value: { ...parsed } };
    } catch (error) {
      return { ok: false, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return keyValueLines(text);
}
