/** A ```plot fence → a `<figure>` with the SVG, or a visible error naming the block and field. */
import { escapeHtml } from "../escape";
import type { RenderEnv } from "../render-env";
import { buildPlotModel } from "./build-model";
import { plotSvg } from "./svg";

/** FNV-1a, base 36: ids stay stable across renders and differ between figures on one page. */
function figureId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `fig-${(h >>> 0).toString(36)}`;
}

/** Renders the content of one plot fence, recording a problem in `env` when it cannot be drawn. */
export function renderPlotFence(content: string, env: RenderEnv): string {
  env.plotCount += 1;
  const built = buildPlotModel(content, env.figures);
  if (!built.ok) {
    const message = `plot block ${env.plotCount}: ${built.error}`;
    env.problems.push({ kind: "plot", message });
    return `<div class="plot-error" role="alert">${escapeHtml(message)}</div>\n`;
  }
  return `<figure class="plot">${plotSvg(built.model, figureId(`${env.plotCount}\n${content}`))}</figure>\n`;
}
