/** Reads the ```plot blocks of a prompt the way the renderer does, so tests can check the data they draw. */
import { parsePlotBlockText } from "@/lib/exercises/render/plot/block-parser";
import { PlotSpecSchema, type PlotSpec } from "@/lib/exercises/render/plot/spec";

/** Every plot block of `markdown`, parsed and validated. */
export function plotBlocks(markdown: string): PlotSpec[] {
  return Array.from(markdown.matchAll(/^```plot\n([\s\S]*?)^```$/gm), (match) => {
    const parsed = parsePlotBlockText(match[1] ?? "");
    if (!parsed.ok) throw new Error(parsed.error);
    return PlotSpecSchema.parse(parsed.value);
  });
}

/** The plot titled `title`; throws when there is none. */
export function plotTitled(markdown: string, title: string): PlotSpec {
  const plot = plotBlocks(markdown).find((p) => p.title === title);
  if (!plot) throw new Error(`no plot titled "${title}"`);
  return plot;
}

/** The inline series of the plot titled `title`: where they start, their step and their values. */
export function plotSeries(markdown: string, title: string): { start: number; step: number; data: number[] }[] {
  return plotTitled(markdown, title).series.map((entry) => {
    if (typeof entry === "string" || entry.data === undefined) throw new Error(`"${title}" draws figure data, not inline data`);
    return { start: entry.start, step: entry.step, data: entry.data };
  });
}
