/** Plot block text → a sampled `PlotModel`, with errors that name the field. */
import { parsePlotBlockText } from "./block-parser";
import { resolvePlotFunction } from "./functions";
import { PlotSpecSchema, type PlotModel, type PlotSpec } from "./spec";
import type { FigureData } from "../render-env";

export type PlotBuild = { ok: true; model: PlotModel } | { ok: false; error: string };
type Curve = PlotModel["curves"][number];
type Step<T> = { ok: true; value: T } | { ok: false; error: string };

function sampleFunction(entry: PlotSpec["functions"][number], index: number, spec: PlotSpec): Step<Curve> {
  const { fn: name, label, ...params }: { fn: string; label?: string; [key: string]: unknown } = typeof entry === "string" ? { fn: entry } : entry;
  const resolved = resolvePlotFunction(name, params);
  if (!resolved.ok) return { ok: false, error: `field "functions[${index}]": ${resolved.error}` };
  const [low, high] = spec.x ?? [0, 1];
  const points: [number, number][] = [];
  for (let i = 0; i < spec.samples; i++) {
    const x = low + ((high - low) * i) / (spec.samples - 1);
    const y = resolved.fn(x);
    points.push([x, Number.isFinite(y) ? y : Number.NaN]);
  }
  return { ok: true, value: { label: label ?? resolved.label, points } };
}

function seriesCurve(entry: PlotSpec["series"][number], index: number, figures: FigureData): Step<Curve> {
  const series = typeof entry === "string" ? { name: entry, label: undefined, data: undefined, start: 0, step: 1 } : entry;
  const data = series.data ?? (series.name !== undefined && Object.hasOwn(figures, series.name) ? figures[series.name] : undefined);
  if (!data) return { ok: false, error: `field "series[${index}]": no figure data named "${series.name ?? ""}"` };
  if (data.length === 0) return { ok: false, error: `field "series[${index}]": data is empty` };
  const points = data.map((y, i): [number, number] => [series.start + i * series.step, Number.isFinite(y) ? y : Number.NaN]);
  return { ok: true, value: { label: series.label ?? series.name ?? `series ${index + 1}`, points } };
}

function extent(values: number[]): [number, number] | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  return [Math.min(...finite), Math.max(...finite)];
}

function padded([low, high]: [number, number]): [number, number] {
  if (low === high) {
    const pad = Math.max(1, Math.abs(low) * 0.1);
    return [low - pad, high + pad];
  }
  const pad = (high - low) * 0.05;
  return [low - pad, high + pad];
}

function formatIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((i) => `field "${i.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[") || "(block)"}": ${i.message}`)
    .join("; ");
}

/** Parses, validates and samples one plot block. */
export function buildPlotModel(text: string, figures: FigureData): PlotBuild {
  const raw = parsePlotBlockText(text);
  if (!raw.ok) return raw;
  const parsed = PlotSpecSchema.safeParse(raw.value);
  if (!parsed.success) return { ok: false, error: formatIssues(parsed.error) };
  const spec = parsed.data;
  const curves: Curve[] = [];
  for (const [i, entry] of spec.functions.entries()) {
    const curve = sampleFunction(entry, i, spec);
    if (!curve.ok) return curve;
    curves.push(curve.value);
  }
  for (const [i, entry] of spec.series.entries()) {
    const curve = seriesCurve(entry, i, figures);
    if (!curve.ok) return curve;
    curves.push(curve.value);
  }
  const markers = spec.marker === undefined ? [] : Array.isArray(spec.marker) ? spec.marker : [spec.marker];
  const xs = curves.flatMap((c) => c.points.map(([x]) => x));
  const xRange = spec.x ?? extent([...xs, ...markers.map((m) => m.x)]);
  const yExtent = extent(curves.flatMap((c) => c.points.map(([, y]) => y)));
  if (!xRange || !yExtent) return { ok: false, error: "no finite values to plot" };
  const [x0, x1] = xRange[0] === xRange[1] ? padded(xRange) : xRange;
  const outside = markers.find((m) => m.x < x0 || m.x > x1);
  if (outside) return { ok: false, error: `field "marker": x = ${outside.x} is outside the x range [${x0}, ${x1}]` };
  return {
    ok: true,
    model: { title: spec.title, description: spec.description, xLabel: spec.xLabel, yLabel: spec.yLabel, xRange: [x0, x1], yRange: spec.y ?? padded(yExtent), curves, markers },
  };
}
