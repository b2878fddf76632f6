/** TeX → HTML with KaTeX, where a bad formula becomes a visible error span instead of a crash. */
import katex, { type KatexOptions } from "katex";
import { escapeHtml } from "./escape";

/** A formula longer than this is refused rather than handed to KaTeX. */
const MAX_TEX_LENGTH = 4000;

export type TexResult = { html: string; error?: string };

function errorSpan(tex: string, message: string): string {
  return `<span class="katex-error" title="${escapeHtml(message)}" style="color:#cc0000">${escapeHtml(tex)}</span>`;
}

/** Renders one formula; `trust` stays false so \href, \url, \includegraphics and \html* are refused. */
export function renderTex(tex: string, displayMode: boolean): TexResult {
  if (tex.length > MAX_TEX_LENGTH) {
    const message = `formula longer than ${MAX_TEX_LENGTH} characters`;
    return { html: errorSpan(tex.slice(0, 80) + "…", message), error: message };
  }
  const options: KatexOptions = {
    displayMode,
    trust: false,
    strict: "ignore",
    output: "htmlAndMathml",
    // Bounds on author-given sizes and macro expansion keep a formula from covering the page or hanging.
    maxSize: 20,
    maxExpand: 500,
  };
  try {
    return { html: katex.renderToString(tex, { ...options, throwOnError: true }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The strict pass only learns the message for the report. The page gets KaTeX's throwOnError: false
    // rendering (the formula in red, the error as a tooltip); errors that are not parse errors, which
    // throwOnError: false does not cover, get our own span so they never take the page down.
    if (!(error instanceof katex.ParseError)) return { html: errorSpan(tex, message), error: message };
    try {
      return { html: katex.renderToString(tex, { ...options, throwOnError: false }), error: message };
    } catch {
      return { html: errorSpan(tex, message), error: message };
    }
  }
}
