/**
 * PlotModel → accessible SVG. Pure and deterministic: the same model and id give the same bytes.
 * Curves differ in colour (Okabe–Ito, safe for colour-blind readers) and in dash pattern, so the plot
 * still reads in greyscale; the legend repeats both.
 */
import { escapeHtml } from "../escape";
import { formatTick, linearScale, niceTicks } from "./scale";
import type { PlotModel } from "./spec";

const WIDTH = 640;
const HEIGHT = 360;
const AREA = { left: 64, right: 470, top: 44, bottom: 300 };
const LEGEND_X = 486;

/** Colour and dash per curve, with the words a screen reader hears for them. */
export const CURVE_STYLES = [
  { color: "#0072B2", dash: "", words: "solid blue line" },
  { color: "#D55E00", dash: "8 4", words: "dashed orange line" },
  { color: "#009E73", dash: "2 3", words: "dotted green line" },
  { color: "#CC79A7", dash: "10 3 2 3", words: "dash-dot pink line" },
  { color: "#E69F00", dash: "4 2 4 6", words: "long-dashed yellow line" },
  { color: "#56B4E9", dash: "1 2 6 2", words: "dot-dash light blue line" },
] as const;

const n = (v: number): string => String(Math.round(v * 100) / 100);

function styleOf(index: number): (typeof CURVE_STYLES)[number] {
  return CURVE_STYLES[index % CURVE_STYLES.length] ?? CURVE_STYLES[0];
}

function strokeAttrs(index: number): string {
  const style = styleOf(index);
  return `stroke="${style.color}" stroke-width="2.5" fill="none"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}`;
}

/** Path data for one curve; NaN and out-of-range points break the line instead of drawing garbage. */
export function curvePath(points: [number, number][], model: PlotModel): string {
  const sx = linearScale(model.xRange[0], model.xRange[1], AREA.left, AREA.right);
  const sy = linearScale(model.yRange[0], model.yRange[1], AREA.bottom, AREA.top);
  const parts: string[] = [];
  let drawing = false;
  for (const [x, y] of points) {
    const visible = Number.isFinite(y) && y >= model.yRange[0] && y <= model.yRange[1] && x >= model.xRange[0] && x <= model.xRange[1];
    if (!visible) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? "L" : "M"}${n(sx(x))} ${n(sy(y))}`);
    drawing = true;
  }
  return parts.join(" ");
}

function axes(model: PlotModel): string {
  const sx = linearScale(model.xRange[0], model.xRange[1], AREA.left, AREA.right);
  const sy = linearScale(model.yRange[0], model.yRange[1], AREA.bottom, AREA.top);
  const out: string[] = ['<g class="plot-grid" stroke="#dddddd" stroke-width="1">'];
  const xTicks = niceTicks(model.xRange[0], model.xRange[1]);
  const yTicks = niceTicks(model.yRange[0], model.yRange[1]);
  for (const t of xTicks) out.push(`<line x1="${n(sx(t))}" y1="${AREA.top}" x2="${n(sx(t))}" y2="${AREA.bottom}"/>`);
  for (const t of yTicks) out.push(`<line x1="${AREA.left}" y1="${n(sy(t))}" x2="${AREA.right}" y2="${n(sy(t))}"/>`);
  out.push("</g>", '<g class="plot-axes" stroke="#333333" stroke-width="1">');
  out.push(`<line x1="${AREA.left}" y1="${AREA.bottom}" x2="${AREA.right}" y2="${AREA.bottom}"/>`);
  out.push(`<line x1="${AREA.left}" y1="${AREA.top}" x2="${AREA.left}" y2="${AREA.bottom}"/>`);
  for (const t of xTicks) out.push(`<line x1="${n(sx(t))}" y1="${AREA.bottom}" x2="${n(sx(t))}" y2="${AREA.bottom + 5}"/>`);
  for (const t of yTicks) out.push(`<line x1="${AREA.left - 5}" y1="${n(sy(t))}" x2="${AREA.left}" y2="${n(sy(t))}"/>`);
  out.push("</g>", '<g class="plot-ticks" fill="#333333" font-size="11">');
  for (const t of xTicks) out.push(`<text x="${n(sx(t))}" y="${AREA.bottom + 18}" text-anchor="middle">${formatTick(t)}</text>`);
  for (const t of yTicks) out.push(`<text x="${AREA.left - 8}" y="${n(sy(t) + 4)}" text-anchor="end">${formatTick(t)}</text>`);
  out.push("</g>");
  const midX = (AREA.left + AREA.right) / 2;
  const midY = (AREA.top + AREA.bottom) / 2;
  out.push(`<text class="plot-x-label" x="${midX}" y="${AREA.bottom + 40}" text-anchor="middle" fill="#333333">${escapeHtml(model.xLabel)}</text>`);
  out.push(`<text class="plot-y-label" x="${16}" y="${midY}" text-anchor="middle" fill="#333333" transform="rotate(-90 16 ${midY})">${escapeHtml(model.yLabel)}</text>`);
  return out.join("");
}

function markers(model: PlotModel): string {
  const sx = linearScale(model.xRange[0], model.xRange[1], AREA.left, AREA.right);
  return model.markers
    .map((m) => {
      const x = n(sx(m.x));
      const label = m.label ? `<text x="${x}" y="${AREA.top - 6}" text-anchor="middle" font-size="11">${escapeHtml(m.label)}</text>` : "";
      return `<g class="plot-marker" fill="#333333"><line x1="${x}" y1="${AREA.top}" x2="${x}" y2="${AREA.bottom}" stroke="#333333" stroke-width="1.5" stroke-dasharray="3 3"/>${label}</g>`;
    })
    .join("");
}

function legend(model: PlotModel): string {
  const rows = model.curves.map((curve, i) => {
    const y = AREA.top + 12 + i * 22;
    const label = curve.label.length > 22 ? `${curve.label.slice(0, 21)}…` : curve.label;
    return `<line x1="${LEGEND_X}" y1="${y}" x2="${LEGEND_X + 28}" y2="${y}" ${strokeAttrs(i)}/><text x="${LEGEND_X + 36}" y="${y + 4}" fill="#333333">${escapeHtml(label)}</text>`;
  });
  return `<g class="plot-legend" font-size="12">${rows.join("")}</g>`;
}

/** The text alternative: the author's description, then what is drawn, in words. */
export function describePlot(model: PlotModel): string {
  const short = (v: number): string => formatTick(Number(v.toPrecision(3)));
  const range = (r: [number, number]): string => `${short(r[0])} to ${short(r[1])}`;
  const curves = model.curves.map((c, i) => `${c.label} (${styleOf(i).words})`).join(", ");
  const marks = model.markers.map((m) => ` A vertical marker at ${model.xLabel} = ${formatTick(m.x)}${m.label ? `: ${m.label}` : ""}.`).join("");
  const lead = model.description ? `${model.description} ` : "";
  return `${lead}Line chart, ${model.xLabel} from ${range(model.xRange)}, ${model.yLabel} from ${range(model.yRange)}. Curves: ${curves}.${marks}`;
}

/** Draws `model` as an SVG with role="img", a title and a description referenced by `id`. */
export function plotSvg(model: PlotModel, id: string): string {
  const paths = model.curves.map((c, i) => `<path d="${curvePath(c.points, model)}" ${strokeAttrs(i)} stroke-linejoin="round"/>`).join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" class="plot" font-family="sans-serif">`,
    `<title id="${id}-title">${escapeHtml(model.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(describePlot(model))}</desc>`,
    `<text class="plot-title" x="${(AREA.left + AREA.right) / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold" fill="#222222">${escapeHtml(model.title)}</text>`,
    axes(model),
    `<g class="plot-curves">${paths}</g>`,
    markers(model),
    legend(model),
    "</svg>",
  ].join("");
}
