import { describe, expect, it } from "vitest";
import { renderPrompt, sanitizePromptHtml } from "@/lib/exercises/render";

const tabStops = (html: string) => html.match(/tabindex="[^"]*"/g) ?? [];

describe("display math on a narrow screen", () => {
  it("sits in a focusable scroller, so that a keyboard can scroll a formula wider than the screen", () => {
    const html = renderPrompt("Before\n\n$$\n\\sum_{i=1}^{n} x_i\n$$\n\nand $x$ inline.");
    expect(html).toMatch(/<span class="math-scroll" tabindex="0"><span class="katex-display">/);
    expect(tabStops(html)).toEqual(['tabindex="0"']);
  });

  it("keeps inline math out of the tab order", () => {
    expect(tabStops(renderPrompt("Only $x^2$ here."))).toEqual([]);
  });

  it("lets no other element of a prompt take focus", () => {
    const html = sanitizePromptHtml('<span class="other" tabindex="0">a</span><span class="math-scroll" tabindex="-1">b</span><div tabindex="0">c</div>');
    expect(tabStops(html)).toEqual([]);
  });
});
