/**
 * markdown-it plugin for `$inline$`, `$$display$$` (inline or as a block) math, rendered with KaTeX.
 *
 * Dollar rules (pandoc's): an opening `$` is followed by a non-space; the first unescaped `$` after it
 * closes the formula only if it follows a non-space and is not followed by a digit, otherwise the opening
 * `$` is literal. A formula never crosses a backtick, so `$` inside code spans is never math, and fenced
 * blocks are consumed before this rule runs. So "costs $5 and $10" stays text and `\$` is a literal dollar.
 */
import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";
import { renderTex } from "./tex";
import type { RenderEnv } from "./render-env";

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isEscaped(src: string, index: number, from: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= from && src.charCodeAt(i) === BACKSLASH; i--) count++;
  return count % 2 === 1;
}

/** The first unescaped `$` in src[from, max) before any backtick, or -1. */
function nextDollar(src: string, from: number, max: number): number {
  for (let i = from; i < max; i++) {
    const code = src.charCodeAt(i);
    if (code === 0x60) return -1;
    if (code === DOLLAR && !isEscaped(src, i, from)) return i;
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  if (src.charCodeAt(pos + 1) === DOLLAR) {
    const end = src.indexOf("$$", pos + 2);
    if (end === -1 || end >= posMax || src.slice(pos + 2, end).trim() === "") return false;
    if (!silent) state.push("math_display", "math", 0).content = src.slice(pos + 2, end);
    state.pos = end + 2;
    return true;
  }
  if (pos + 1 >= posMax || isSpace(src.charCodeAt(pos + 1))) return false;
  const end = nextDollar(src, pos + 1, posMax);
  if (end === -1 || isSpace(src.charCodeAt(end - 1)) || isDigit(src.charCodeAt(end + 1))) return false;
  if (!silent) state.push("math_inline", "math", 0).content = src.slice(pos + 1, end);
  state.pos = end + 1;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const max = state.eMarks[startLine] ?? 0;
  if ((state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  if (!state.src.startsWith("$$", start)) return false;
  const first = state.src.slice(start + 2, max).trim();
  let content: string;
  let lastLine = startLine;
  if (first.endsWith("$$") && first.length >= 2) {
    content = first.slice(0, -2);
  } else {
    // "$$a$$ and text" is a paragraph with inline display math, not a block.
    if (first.includes("$$")) return false;
    const lines = [first];
    let closed = false;
    for (let line = startLine + 1; line < endLine; line++) {
      const lineStart = (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0);
      const text = state.src.slice(lineStart, state.eMarks[line] ?? 0).trim();
      if (text.endsWith("$$")) {
        lines.push(text.slice(0, -2));
        lastLine = line;
        closed = true;
        break;
      }
      lines.push(text);
    }
    if (!closed) return false;
    content = lines.join("\n");
  }
  if (content.trim() === "") return false;
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content;
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}

function render(content: string, displayMode: boolean, env: RenderEnv | undefined): string {
  const result = renderTex(content, displayMode);
  if (result.error !== undefined) env?.problems.push({ kind: "math", message: `math error in "${content.slice(0, 60)}": ${result.error}` });
  // Long display math scrolls sideways on a phone; the scrolling box takes focus so that a keyboard can scroll it.
  return displayMode ? `<span class="math-scroll" tabindex="0">${result.html}</span>` : result.html;
}

/** Installs the math rules and their renderers on `md`. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.block.ruler.after("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.math_inline = (tokens, idx, _options, env: RenderEnv) => render(tokens[idx]?.content ?? "", false, env);
  md.renderer.rules.math_display = (tokens, idx, _options, env: RenderEnv) => render(tokens[idx]?.content ?? "", true, env);
  md.renderer.rules.math_block = (tokens, idx, _options, env: RenderEnv) => `${render(tokens[idx]?.content ?? "", true, env)}\n`;
}
