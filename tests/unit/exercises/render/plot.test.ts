import { describe, expect, it } from "vitest";
import { PLOT_FUNCTION_NAMES, renderPromptWithReport } from "@/lib/exercises/render";
import { parsePlotBlockText } from "@/lib/exercises/render/plot/block-parser";
import { buildPlotModel } from "@/lib/exercises/render/plot/build-model";
import { resolvePlotFunction } from "@/lib/exercises/render/plot/functions";
import { formatTick, niceTicks } from "@/lib/exercises/render/plot/scale";

const plot = (body: string, figures = {}) => renderPromptWithReport(`Intro\n\n\`\`\`plot\n${body}\n\`\`\`\n`, { figures });
const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe("plot block syntax", () => {
  it("reads key: value lines with flow lists, maps, quoted strings and continuation lines", () => {
    const parsed = parsePlotBlockText(
      '# comment\ntitle: Sigmoid and its derivative\nx: [-6, 6]\nfunctions: [sigmoid, {fn: leakyRelu, alpha: 0.1}]\nmarker: {x: 7, label: "early stop: here"}\nseries: [\n  {label: \'it\'\'s\', data: [1, 2.5e-1]}\n]\nflag: true',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        title: "Sigmoid and its derivative",
        x: [-6, 6],
        functions: ["sigmoid", { fn: "leakyRelu", alpha: 0.1 }],
        marker: { x: 7, label: "early stop: here" },
        series: [{ label: "it's", data: [1, 0.25] }],
        flag: true,
      },
    });
  });

  it("reads a JSON block", () => {
    expect(parsePlotBlockText('{"title": "T", "x": [0, 1]}')).toEqual({ ok: true, value: { title: "T", x: [0, 1] } });
  });

  it("names the line and key of a syntax error", () => {
    expect(parsePlotBlockText("title: T\nx: [1, 2")).toMatchObject({ ok: false, error: expect.stringMatching(/line 2 \("x"\)/) });
    expect(parsePlotBlockText("title: a\ntitle: b")).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    expect(parsePlotBlockText("  orphan")).toMatchObject({ ok: false, error: expect.stringMatching(/line 1/) });
    expect(parsePlotBlockText("{not json")).toMatchObject({ ok: false, error: expect.stringMatching(/JSON/) });
  });

  it("keeps __proto__ as data", () => {
    const parsed = parsePlotBlockText("marker: {__proto__: {polluted: 1}}\ntitle: x");
    expect(parsed.ok).toBe(true);
    const json = parsePlotBlockText('{"__proto__": {"polluted": 1}, "title": "x"}');
    expect(json.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("plot registry", () => {
  const value = (name: string, x: number, params: Record<string, unknown> = {}) => {
    const r = resolvePlotFunction(name, params);
    if (!r.ok) throw new Error(r.error);
    return r.fn(x);
  };

  it("computes the course's functions", () => {
    expect(value("sigmoid", 0)).toBe(0.5);
    expect(value("sigmoid", -1000)).toBe(0);
    expect(value("sigmoidGrad", 0)).toBe(0.25);
    expect(value("tanhGrad", 0)).toBe(1);
    expect(value("relu", -2)).toBe(0);
    expect(value("reluGrad", 0)).toBe(0);
    expect(value("leakyRelu", -2, { alpha: 0.1 })).toBeCloseTo(-0.2, 12);
    expect(value("leakyRelu", -1)).toBeCloseTo(-0.3, 12);
    expect(value("leakyReluGrad", -1, { alpha: 0.1 })).toBe(0.1);
    expect(value("exponentialDecay", 1500, { initialLr: 0.1, decaySteps: 1000, decayRate: 0.5 })).toBeCloseTo(0.1 * 0.5 ** 1.5, 12);
    expect(value("exponentialDecay", 1500, { initialLr: 0.1, decaySteps: 1000, decayRate: 0.5, staircase: true })).toBeCloseTo(0.05, 12);
    expect(value("inverseTimeDecay", 2000, { initialLr: 0.1, decaySteps: 1000, decayRate: 0.5 })).toBeCloseTo(0.05, 12);
    const pc = { boundaries: [100, 200], values: [1, 0.5, 0.1] };
    expect([0, 100, 101, 200, 201].map((s) => value("piecewiseConstant", s, pc))).toEqual([1, 1, 0.5, 0.5, 0.1]);
    expect(PLOT_FUNCTION_NAMES).toEqual(expect.arrayContaining(["sigmoid", "tanh", "relu", "leakyRelu", "exponentialDecay", "inverseTimeDecay", "piecewiseConstant"]));
  });

  it("names the function and parameter in errors", () => {
    expect(resolvePlotFunction("swish", {})).toMatchObject({ ok: false, error: expect.stringMatching(/unknown function "swish"/) });
    expect(resolvePlotFunction("leakyRelu", { alpha: "big" })).toMatchObject({ ok: false, error: expect.stringMatching(/alpha/) });
    expect(resolvePlotFunction("sigmoid", { beta: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/"sigmoid" parameters/) });
    expect(resolvePlotFunction("piecewiseConstant", { boundaries: [1], values: [1] })).toMatchObject({ ok: false, error: expect.stringMatching(/values/) });
    expect(resolvePlotFunction("toString", {}).ok).toBe(false);
  });
});

describe("plot SVG", () => {
  it("draws an accessible figure with axes, ticks, labels, legend and one path per curve", () => {
    const { html, problems } = plot("title: Sigmoid and its derivative\nx: [-6, 6]\nxLabel: input x\nyLabel: output\nfunctions: [sigmoid, sigmoidGrad]");
    expect(problems).toEqual([]);
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="(fig-[a-z0-9]+)-title \1-desc"/);
    expect(html).toMatch(/<title id="fig-[a-z0-9]+-title">Sigmoid and its derivative<\/title>/);
    expect(html).toMatch(/<desc id="fig-[a-z0-9]+-desc">Line chart, input x from -6 to 6, output from [^<]*Curves: σ\(x\) \(solid blue line\), σ′\(x\) \(dashed orange line\)\.<\/desc>/);
    const curves = /<g class="plot-curves">(.*?)<\/g>/.exec(html)?.[1] ?? "";
    expect(count(curves, /<path /g)).toBe(2);
    expect(html).toContain(">input x</text>");
    expect(html).toContain(">output</text>");
    for (const tick of ["-6", "-4", "0", "4", "6", "0.2", "1"]) expect(html).toContain(`>${tick}</text>`);
    const legend = /<g class="plot-legend"[^>]*>(.*?)<\/g>/.exec(html)?.[1] ?? "";
    expect(count(legend, /<line /g)).toBe(2);
    expect(legend).toContain('stroke-dasharray="8 4"');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("is deterministic", () => {
    const body = "title: T\nx: [0, 10000]\nfunctions: [{fn: exponentialDecay, initialLr: 0.1, decaySteps: 1000, decayRate: 0.9}, {fn: piecewiseConstant, boundaries: [3000, 6000], values: [0.1, 0.05, 0.01], label: steps}]";
    expect(plot(body).html).toBe(plot(body).html);
  });

  it("draws data series from figures or inline data, with a marker", () => {
    const loss = [1, 0.7, 0.5, 0.4, 0.35, 0.33, 0.32, 0.31];
    const { html, problems } = plot(
      'title: Loss\nxLabel: epoch\nyLabel: loss\nseries: [loss, {label: validation loss, data: [1.1, 0.8, 0.6, 0.55, 0.56, 0.6, 0.65, 0.7]}]\nmarker: {x: 3, label: "early stop"}',
      { loss },
    );
    expect(problems).toEqual([]);
    const curves = /<g class="plot-curves">(.*?)<\/g>/.exec(html)?.[1] ?? "";
    expect(count(curves, /<path /g)).toBe(2);
    expect(count(curves, / L/g)).toBe(14);
    expect(html).toContain("early stop</text>");
    expect(html).toContain("A vertical marker at epoch = 3: early stop.");
    expect(html).not.toMatch(/NaN/);
  });

  it("breaks the line at points outside an explicit y range", () => {
    const built = buildPlotModel("title: T\nx: [-5, 5]\ny: [0, 1]\nfunctions: [linear]\nsamples: 11", {});
    expect(built.ok).toBe(true);
    const { html } = plot("title: T\nx: [-5, 5]\ny: [0, 1]\nfunctions: [linear]\nsamples: 11");
    const d = /<path d="([^"]*)"/.exec(html)?.[1] ?? "";
    expect(count(d, /M/g)).toBe(1);
    expect(count(d, /L/g)).toBe(1);
  });

  it("reports errors naming the block and field, visibly", () => {
    const cases: [string, RegExp][] = [
      ["x: [0, 1]\nfunctions: [sigmoid]", /plot block 1: field "title"/],
      ["title: T\nfunctions: [sigmoid]", /field "x"/],
      ["title: T\nx: [1, 0]\nfunctions: [sigmoid]", /field "x".*low < high/],
      ["title: T\nx: [0, 1]\nfunctions: [swish]", /field "functions\[0\]": unknown function "swish"/],
      ["title: T\nx: [0, 1]\nfunctions: [{fn: leakyRelu, alpha: -1}]", /functions\[0\].*alpha/],
      ["title: T\nseries: [missing]", /field "series\[0\]": no figure data named "missing"/],
      ["title: T", /needs at least one/],
      ["title: T\nx: [0, 1]\nfunctions: [sigmoid]\ncolour: red", /colour/],
      ["title: T\nx: [0, 1]\nfunctions: [sigmoid]\nmarker: {x: 5}", /field "marker"/],
    ];
    for (const [body, pattern] of cases) {
      const { html, problems } = plot(body);
      expect(problems[0]?.kind, body).toBe("plot");
      expect(problems[0]?.message, body).toMatch(pattern);
      expect(html).toContain('<div class="plot-error" role="alert">');
    }
    const two = renderPromptWithReport("```plot\ntitle: A\nx: [0, 1]\nfunctions: [sigmoid]\n```\n\n```plot\ntitle: B\n```");
    expect(two.problems[0]?.message).toMatch(/^plot block 2:/);
  });

  it("gives figures on one page distinct ids", () => {
    const { html } = renderPromptWithReport("```plot\ntitle: A\nx: [0, 1]\nfunctions: [sigmoid]\n```\n\n```plot\ntitle: A\nx: [0, 1]\nfunctions: [sigmoid]\n```");
    const ids = [...html.matchAll(/<title id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it("fills placeholders inside plot blocks", () => {
    const { html, problems } = renderPromptWithReport("```plot\ntitle: Leaky ReLU with alpha {{a}}\nx: [-2, 2]\nfunctions: [{fn: leakyRelu, alpha: {{a}}}]\n```", { params: { a: 0.2 } });
    expect(problems).toEqual([]);
    expect(html).toContain("leaky ReLU (α = 0.2)");
  });
});

describe("axis ticks", () => {
  it("chooses round steps and formats them compactly", () => {
    expect(niceTicks(-6, 6)).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.3, 0.7, 4)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(0, 10000)).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
    expect(formatTick(0.0001)).toBe("1e-4");
    expect(formatTick(2500000)).toBe("2.5e6");
    expect(formatTick(10000)).toBe("10000");
  });
});
