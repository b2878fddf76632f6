/** Prompt Markdown → sanitised HTML, on the server: math, placeholders, figures, then the allow-list. */
import { markdown } from "./markdown";
import { protectPlaceholders } from "./placeholder-plugin";
import type { PlaceholderValue } from "./placeholders";
import type { FigureData, RenderEnv, RenderProblem } from "./render-env";
import { sanitizePromptHtml } from "./sanitize";

export interface RenderOptions {
  /** Values for `{{name}}` placeholders (a quiz variant's params). */
  params?: Readonly<Record<string, PlaceholderValue>>;
  /** Named data arrays that ```plot blocks reference from `series`. */
  figures?: FigureData;
}

export interface RenderReport {
  html: string;
  /** Unknown placeholders, math errors and plot errors, each also visible in the HTML. */
  problems: RenderProblem[];
}

function newEnv(options: RenderOptions): RenderEnv {
  return { placeholderNames: [], params: options.params ?? {}, figures: options.figures ?? {}, plotCount: 0, problems: [] };
}

/** Renders a prompt and reports every problem found, for `exercises:check` and author previews. */
export function renderPromptWithReport(source: string, options: RenderOptions = {}): RenderReport {
  const env = newEnv(options);
  const html = markdown.render(protectPlaceholders(source, env), env);
  return { html: sanitizePromptHtml(html), problems: env.problems };
}

/** Renders a prompt to sanitised HTML. */
export function renderPrompt(source: string, options: RenderOptions = {}): string {
  return renderPromptWithReport(source, options).html;
}

/** Renders one line of Markdown (a quiz choice) without a wrapping paragraph. */
export function renderInlineWithReport(source: string, options: RenderOptions = {}): RenderReport {
  const env = newEnv(options);
  const html = markdown.renderInline(protectPlaceholders(source, env), env);
  return { html: sanitizePromptHtml(html), problems: env.problems };
}

/** Renders one line of Markdown to sanitised HTML without a wrapping paragraph. */
export function renderInline(source: string, options: RenderOptions = {}): string {
  return renderInlineWithReport(source, options).html;
}
