import { describe, expect, it } from "vitest";
import { renderPrompt, renderPromptWithReport } from "@/lib/exercises/render";

const mathCount = (html: string) => (html.match(/class="katex"/g) ?? []).length;

describe("math", () => {
  it("renders $inline$ and $$display$$", () => {
    const html = renderPrompt("The sigmoid $\\sigma(x) = \\frac{1}{1+e^{-x}}$ and\n\n$$\n\\sigma'(x) = \\sigma(x)(1-\\sigma(x))\n$$\n");
    expect(mathCount(html)).toBe(2);
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
    expect(renderPrompt("inline display $$x^2$$ here")).toContain("katex-display");
    expect(renderPrompt("$$x^2$$")).toContain("katex-display");
  });

  it("leaves dollar amounts as text", () => {
    for (const text of ["It costs $5.", "It costs $5 and $10.", "between $5-$10", "costs $5, $10 and $15.", "$ alone", "a $ b $ c"]) {
      const html = renderPrompt(text);
      expect(mathCount(html), text).toBe(0);
      expect(html).toContain("$");
    }
    expect(mathCount(renderPrompt("I have $5, you have $x$."))).toBe(1);
  });

  it("treats \\$ as a literal dollar and $ in code as code", () => {
    expect(renderPrompt("\\$x\\$")).toBe("<p>$x$</p>\n");
    expect(mathCount(renderPrompt("Use `$x$` in code and `a $ b`."))).toBe(0);
    expect(mathCount(renderPrompt("```\n$x$ and $$y$$\n```"))).toBe(0);
    expect(mathCount(renderPrompt("    $x$ indented code"))).toBe(0);
    expect(mathCount(renderPrompt("costs $10 and `code` then $x$"))).toBe(1);
  });

  it("shows a broken formula as a visible error span and reports it", () => {
    const report = renderPromptWithReport("Broken $\\frac{1}{$ formula and good $x$.");
    expect(report.html).toMatch(/<span class="katex-error" title="[^"]*" style="color:#cc0000">\\frac\{1\}\{<\/span>/);
    expect(mathCount(report.html)).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.kind).toBe("math");
    expect(renderPromptWithReport("$\\undefinedmacro$").problems).toHaveLength(1);
  });

  it("refuses huge formulas without calling KaTeX", () => {
    const report = renderPromptWithReport(`$${"x+".repeat(3000)}x$`);
    expect(report.html).toContain("katex-error");
    expect(report.problems[0]?.message).toMatch(/longer than/);
  });
});
