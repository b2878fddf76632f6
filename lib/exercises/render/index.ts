/** Prompt rendering: Markdown + KaTeX math + placeholders + plot figures → sanitised HTML. */
export { renderPrompt, renderPromptWithReport, renderInline, renderInlineWithReport, type RenderOptions, type RenderReport } from "./render-prompt";
export type { FigureData, RenderProblem } from "./render-env";
export { findPlaceholders, formatParam, type PlaceholderValue } from "./placeholders";
export { sanitizePromptHtml } from "./sanitize";
export { PLOT_FUNCTION_NAMES } from "./plot/functions";
export { PlotSpecSchema, type PlotSpec } from "./plot/spec";
