import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CurveChart } from "@/app/_components/CurveChart";
import { showPathOver } from "@/lib/exercises/authoring/drawn";
import { toPlain } from "@/lib/grading/plain";
import { toValue } from "@/lib/grading/value";
import { figureOf } from "@/lib/submissions/curve";

const render = (shown: { expected: unknown; actual: unknown }) => {
  const figure = figureOf(shown);
  if (!figure) throw new Error("not drawable");
  return renderToStaticMarkup(createElement(CurveChart, { figure, title: "example" }));
};

describe("CurveChart", () => {
  it("tells where a trajectory parts in words and shapes, not colour alone", () => {
    const html = render({ expected: { x: "step", y: "w[0]", values: [2, 1.5, 1, 0.5] }, actual: { x: "step", y: "w[0]", values: [2, 1.5, 1.2, 0.9] } });
    expect(html).toContain("part from the expected curve at step 2: expected 1, got 1.2");
    expect(html).toContain("parts at step 2");
    expect(html).toMatch(/<text[^>]*>step<\/text>/);
    expect(html).toMatch(/<text[^>]*>w\[0\]<\/text>/);
    // Expected points are circles, the student's squares; the student's line is dashed in CSS.
    expect(html.match(/class="expected-point"/g)).toHaveLength(4);
    expect(html.match(/class="actual-point"/g)).toHaveLength(4);
    expect(html).toContain('role="img"');
  });

  it("labels a schedule's x axis in steps from its first to its last step, and names the parting step", () => {
    const steps = Array.from({ length: 51 }, (_, i) => i * 100);
    const rate = (step: number) => 0.1 / (1 + 0.5 * Math.floor(step / 1000));
    const expected = { x: "step", y: "learning rate", xValues: steps, values: steps.map(rate) };
    const actual = { ...expected, values: steps.map((step) => (step < 500 ? rate(step) : 0.1 / (1 + (0.5 * step) / 1000))) };
    const html = render({ expected, actual });
    expect(html).toMatch(/<text[^>]*class="axis-label"[^>]*>step<\/text>/);
    const xTicks = [...html.matchAll(/<text[^>]*y="186"[^>]*class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(xTicks).toEqual(["0", "5000"]);
    expect(html).toContain("parts at step 500");
    expect(html).toContain("part from the expected curve at step 500");
    expect(html).toContain('data-parting="500"');
  });

  it("keeps the parting label clear of the y axis' name when the curves part at the start", () => {
    const steps = [0, 100, 200, 300];
    const html = render({ expected: { x: "step", y: "learning rate", xValues: steps, values: [0.1, 0.1, 0.1, 0.05] }, actual: { x: "step", y: "learning rate", xValues: steps, values: [0.1, 0.05, 0.05, 0.05] } });
    const label = html.match(/<text x="([\d.]+)" y="16" class="parting-label">parts at step 100<\/text>/);
    expect(label).not.toBeNull();
    // The y axis' name starts at x = 4 on the same line; 11 px bold letters are under 0.65 em wide.
    expect(Number(label![1])).toBeGreaterThanOrEqual(4 + "learning rate".length * 11 * 0.65);
  });

  it("leaves room for the longest y tick label: nothing is cut off at the left edge", () => {
    // A 10 px tick font: no digit or point is wider than 0.6 em.
    const charWidth = 6;
    for (const values of [[0.1, 0.05, 0.003125], [0.5, 0.25, 0.125], [-1234.567, 0, 1e-7]]) {
      const html = render({ expected: values, actual: values });
      const ticks = [...html.matchAll(/<text x="([\d.]+)"[^>]*class="tick" text-anchor="end">([^<]*)<\/text>/g)];
      expect(ticks).toHaveLength(2);
      for (const [, x, label] of ticks) expect(Number(x) - label!.length * charWidth, `"${label}" starts left of the picture`).toBeGreaterThanOrEqual(0);
      const axis = html.match(/<line x1="([\d.]+)" y1="22" x2="\1" y2="172"/);
      for (const [, x] of ticks) expect(Number(x)).toBeLessThan(Number(axis?.[1]));
    }
  });

  it("summarises a model in words and draws its training loss, with no harness output", () => {
    const loss = Array.from({ length: 40 }, (_, i) => 1 / (i + 1));
    const html = render({
      expected: null,
      actual: { kind: "model-summary", layers: ["Input: 4 features", "Dense: 32 units, relu", "Dense: 3 units, softmax"], parameters: 259, loss, validationAccuracy: 0.99, problem: null },
    });
    expect(html).toContain('data-testid="model-summary"');
    expect(html).toContain("<li>Dense: 32 units, relu</li>");
    expect(html).toContain('<dd data-testid="model-parameters">259</dd>');
    expect(html).toContain("99.0 % on data your model never saw");
    expect(html).toContain("Training loss from 1 after epoch 1 to 0.025 after epoch 40.");
    expect(html).toMatch(/<text[^>]*class="axis-label"[^>]*>epoch<\/text>/);
    expect([...html.matchAll(/<text[^>]*y="186"[^>]*class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(["1", "40"]);
  });

  it("writes out each mark of an early stop, expected and the student's", () => {
    const values = [1, 0.8, 0.7, 0.75, 0.8, 0.9];
    const html = render({
      expected: { x: "epoch", y: "validation loss", values, marks: { stoppedEpoch: 4, bestEpoch: 2 } },
      actual: { x: "epoch", y: "validation loss", values, marks: { stoppedEpoch: null, bestEpoch: 2 } },
    });
    expect(html).toContain("stopped epoch: expected 4, yours none (differs).");
    expect(html).toContain("best epoch: expected 2, yours 2 (matches).");
    expect(html).toContain('data-differs="yes"');
  });

  describe("a path over a function curve", () => {
    const loss = (w: number) => w ** 4 - 4 * w ** 2 + w;
    const path = (ws: number[]) => toPlain(toValue(showPathOver({ f: loss, from: -2.2, to: 2.2, samples: 45, x: "w", y: "f(w)" })(toValue(ws))));
    const expected = path([2, 1.15, 0.576, 0.259, 0.055, -0.136]);

    it("draws the loss, the expected positions as circles and the student's as squares, and says where they part", () => {
      const html = render({ expected, actual: path([2, 1.15, 1.256, 1.312, 1.335, 1.343]) });
      expect(html).toContain('data-testid="path-chart"');
      expect(html).toContain('data-parting="2"');
      expect(html.match(/<circle[^>]*class="expected-point"/g)).toHaveLength(6 + 6);
      expect(html.match(/<rect[^>]*class="actual-point"/g)).toHaveLength(6 + 6);
      expect(html).toMatch(/<path d="M[^"]+" class="shared"/);
      expect(html).toContain("parts at step 2");
      expect(html).toContain("The expected path starts at w = 2 and ends at w = -0.136 after 5 steps.");
      expect(html).toContain("Yours starts at w = 2 and ends at w = 1.343 after 5 steps.");
      expect(html).toContain("Your positions part from the expected ones at step 2: expected w = 0.576, got w = 1.256.");
      expect(html).toMatch(/<text[^>]*class="axis-label"[^>]*>f\(w\)<\/text>/);
      // The same positions over the steps, below: w by step.
      expect(html).toContain('data-testid="curve-chart"');
      expect(html).toContain("part from the expected curve at step 2: expected 0.576, got 1.256");
      expect(html.match(/role="img"/g)).toHaveLength(2);
      // Legend entries are text, not colour alone.
      expect(html).toContain("expected positions");
    });

    it("places each position on the curve: the point (w, f(w)) lies on the drawn line", () => {
      const html = render({ expected, actual: expected });
      const line = html.match(/<path d="([^"]+)" class="shared"/)?.[1] ?? "";
      const curve = [...line.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
      const points = [...html.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="3" class="expected-point"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
      expect(points).toHaveLength(6);
      for (const [x, y] of points) {
        // Between the two curve samples around x, the point is within a few pixels of the line's chord.
        const right = curve.findIndex(([cx]) => cx >= x);
        const [x0, y0] = curve[Math.max(0, right - 1)]!;
        const [x1, y1] = curve[right]!;
        const chord = x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
        expect(Math.abs(chord - y)).toBeLessThan(4);
      }
      expect(html).toContain("Your positions follow the expected path.");
      // A position at the minimum, between two curve samples and below both, is drawn all the same.
      const atMinimum = path([2, 1.15, -1.4734, -1.4734]);
      const drawn = render({ expected: atMinimum, actual: atMinimum }).split('data-testid="curve-chart"')[0]!;
      expect(drawn.match(/class="expected-point"/g)).toHaveLength(4);
      expect(drawn.match(/class="actual-point"/g)).toHaveLength(4);
      expect(html).toContain('data-parting="none"');
    });

    it("leaves out positions off the drawn range, and draws the expected path alone when the result is not a series", () => {
      const html = render({ expected, actual: path([2, 1.15, 40, 1e30, 1e60, Number.NaN]) });
      const onCurve = html.split('data-testid="curve-chart"')[0]!;
      expect(onCurve.match(/<rect[^>]*class="actual-point"/g)).toHaveLength(2);
      expect(onCurve).toContain("4 of your positions lie off the drawn range and are not drawn.");
      expect(html).not.toContain("NaN");
      const alone = render({ expected, actual: 3 });
      expect(alone).toContain("Your result is not a series of numbers, so only the expected path is drawn.");
      expect(alone).not.toContain("actual-point");
      expect(alone).not.toContain('data-testid="curve-chart"');
    });
  });
});
