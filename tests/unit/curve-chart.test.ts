import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CurveChart } from "@/app/_components/CurveChart";
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
    expect(html).toContain("parts at 2");
    expect(html).toMatch(/<text[^>]*>step<\/text>/);
    expect(html).toMatch(/<text[^>]*>w\[0\]<\/text>/);
    // Expected points are circles, the student's squares; the student's line is dashed in CSS.
    expect(html.match(/class="expected-point"/g)).toHaveLength(4);
    expect(html.match(/class="actual-point"/g)).toHaveLength(4);
    expect(html).toContain('role="img"');
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
});
