/** The one markdown-it configuration for prompts: no raw HTML, math, placeholders and ```plot figures. */
import MarkdownIt from "markdown-it";
import { mathPlugin } from "./math-plugin";
import { placeholderPlugin } from "./placeholder-plugin";
import { renderPlotFence } from "./plot/render-plot";
import type { RenderEnv } from "./render-env";

function createMarkdown(): MarkdownIt {
  // html: false is the first line of defence: authors and placeholder values cannot write tags.
  const md = new MarkdownIt("default", { html: false, linkify: false, typographer: false });
  md.use(mathPlugin);
  md.use(placeholderPlugin);
  const defaultFence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    if (token && token.info.trim() === "plot") return renderPlotFence(token.content, env);
    // The default renderer already gives fenced code `class="language-xxx"`.
    return defaultFence ? defaultFence(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}

/** Shared instance: markdown-it is stateless between renders once configured. */
export const markdown = createMarkdown();
