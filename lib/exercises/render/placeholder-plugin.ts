/**
 * `{{param}}` filling inside markdown-it. Placeholders are swapped for private-use sentinels before
 * parsing and filled in the parsed tokens, so a value is escaped by whichever renderer shows it (text,
 * code, math) and can never open a link, emphasis or HTML: "filled before rendering", escaped exactly once.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { PLACEHOLDER, formatParam } from "./placeholders";
import type { RenderEnv } from "./render-env";

const OPEN = "\uE000";
const CLOSE = "\uE001";
const SENTINEL = /\uE000(\d+)\uE001/g;
// markdown-it percent-encodes link targets, sentinels included.
const ENCODED_SENTINEL = /%EE%80%80(\d+)%EE%80%81/g;
const FILLED_TYPES = new Set(["text", "code_inline", "code_block", "fence", "math_inline", "math_display", "math_block"]);

/** Replaces placeholders in `source` with sentinels recorded in `env`. */
export function protectPlaceholders(source: string, env: RenderEnv): string {
  const clean = source.replace(/[\uE000\uE001]/g, "\uFFFD");
  return clean.replace(PLACEHOLDER, (_match, name: string) => {
    env.placeholderNames.push(name);
    return `${OPEN}${env.placeholderNames.length - 1}${CLOSE}`;
  });
}

function valueOf(index: string, env: RenderEnv): string {
  const name = env.placeholderNames[Number(index)] ?? "";
  // Object.hasOwn: `{{constructor}}` must not reach Object.prototype.
  const value = Object.hasOwn(env.params, name) ? env.params[name] : undefined;
  if (value !== undefined) return formatParam(value);
  const message = `unknown placeholder {{${name}}}`;
  if (!env.problems.some((p) => p.message === message)) env.problems.push({ kind: "placeholder", message });
  return `{{${name}}}`;
}

function fillToken(token: Token, env: RenderEnv): void {
  if (FILLED_TYPES.has(token.type)) token.content = token.content.replace(SENTINEL, (_m, i: string) => valueOf(i, env));
  if (token.attrs) {
    for (const attr of token.attrs) {
      attr[1] = attr[1]
        .replace(ENCODED_SENTINEL, (_m, i: string) => encodeURIComponent(valueOf(i, env)))
        .replace(SENTINEL, (_m, i: string) => valueOf(i, env));
    }
  }
  for (const child of token.children ?? []) fillToken(child, env);
}

/** Installs the core rule that fills sentinels in every token. */
export function placeholderPlugin(md: MarkdownIt): void {
  md.core.ruler.push("fill_placeholders", (state: StateCore) => {
    const env: RenderEnv = state.env;
    for (const token of state.tokens) fillToken(token, env);
  });
}
