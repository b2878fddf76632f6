import katex from "katex";
import { describe, expect, it } from "vitest";
import { renderPrompt, sanitizePromptHtml } from "@/lib/exercises/render";

/** Real tags only: escaped text such as "&lt;img onerror=…" is harmless and allowed to show. */
function dangerousTags(html: string): string[] {
  return (html.match(/<[a-zA-Z][^>]*>/g) ?? []).filter(
    (tag) =>
      /^<(script|iframe|object|embed|style|foreignObject|animate|set|use|base|link|meta|form|input)\b/i.test(tag) ||
      /\son[a-z]+\s*=/i.test(tag) ||
      /\s(href|src|xlink:href|action)\s*=\s*"?\s*(javascript|vbscript|data):/i.test(tag),
  );
}

const attacks = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](java\tscript:alert(1))",
  "![x](javascript:alert(1))",
  '<svg onload="alert(1)"><circle r="5"/></svg>',
  "<iframe src=https://evil.example></iframe>",
  "<style>body{display:none}</style>",
  '<a href="javascript:alert(1)">x</a>',
  "$\\href{javascript:alert(1)}{x}$",
  "$\\url{javascript:alert(1)}$",
  "$\\htmlClass{x}{y}$ $\\htmlStyle{position:fixed}{y}$ $\\htmlId{main}{y}$ $\\htmlData{a=b}{y}$",
  "$\\includegraphics{https://evil.example/x.png}$",
  "$$\\href{javascript:alert(1)}{click}$$",
  "<object data=x></object>",
  "```plot\ntitle: <script>alert(1)</script>\nx: [0, 1]\nfunctions: [sigmoid]\n```",
];

describe("prompt sanitising", () => {
  it.each(attacks)("neutralises %j from an author", (attack) => {
    const html = renderPrompt(attack);
    expect(dangerousTags(html)).toEqual([]);
    expect(html).not.toMatch(/<(a|img)\s[^>]*(javascript|JaVaScRiPt)/);
  });

  it.each(attacks)("neutralises %j as a placeholder value", (attack) => {
    const html = renderPrompt("Hello {{name}}, $x = {{name}}$ and `{{name}}` [link]({{name}})", { params: { name: attack } });
    expect(dangerousTags(html)).toEqual([]);
  });

  it("strips dangerous HTML that reaches the sanitiser directly", () => {
    const raw = [
      '<p onclick="x()">a</p>',
      "<script>alert(1)</script>",
      '<svg onload="alert(1)"><animate attributeName="href" to="javascript:alert(1)"/><use href="#x"/><foreignObject><p>x</p></foreignObject></svg>',
      '<a href="javascript:alert(1)">x</a><a href="data:text/html,x">y</a>',
      '<iframe src="https://example.com"></iframe><object data="x"></object><embed src="x">',
      "<style>*{}</style>",
      '<span style="position:fixed;top:0;left:0;width:100%;height:100%;background:url(https://evil/x)">overlay</span>',
      '<title id="main">x</title><svg aria-labelledby="main"></svg>',
      '<code class="language-ts evil-class">x</code>',
    ].join("");
    const clean = sanitizePromptHtml(raw);
    expect(dangerousTags(clean)).toEqual([]);
    expect(clean).not.toMatch(/<script|alert\(1\)<\/script>|<iframe|<object|<embed|<style|<animate|<use|<foreignObject/);
    expect(clean).not.toMatch(/position:\s*fixed|url\(|id="main"|aria-labelledby="main"|evil-class/);
    expect(clean).toContain('<code class="language-ts">x</code>');
    expect(clean).toContain('style="top:0;left:0;width:100%;height:100%"');
  });

  it("renders untrusted KaTeX commands as plain red text, never as links or attributes", () => {
    const html = renderPrompt("$\\href{javascript:alert(1)}{x}$ $\\htmlId{main}{y}$ $\\htmlStyle{position:fixed}{z}$");
    expect(html).not.toMatch(/<a\s|id="main"|style="[^"]*position:\s*fixed/);
    expect(html).toContain('style="color:#cc0000"');
  });

  it("drops upper- and mixed-case handlers and tags (attribute case is preserved for SVG)", () => {
    const clean = sanitizePromptHtml('<P ONCLICK="x" OnMouseOver="y">a</P><SCRIPT>alert(1)</SCRIPT><svg viewBox="0 0 1 1" ONLOAD="z"><A HREF="javascript:1">k</A></svg>');
    expect(clean).toBe('<p>a</p><svg viewBox="0 0 1 1"><a rel="nofollow noopener noreferrer">k</a></svg>');
  });

  it("keeps KaTeX's HTML and MathML output intact", () => {
    const tex = String.raw`\frac{a}{b} + \sqrt{x^2+1} - \sum_{i=1}^n x_i \hat{y} \overrightarrow{AB} \left(\frac{1}{2}\right) \begin{pmatrix}1&2\\3&4\end{pmatrix} \cancel{x} \boxed{x} \underbrace{a+b}_{c} \mathbb{R} \text{hi} \sigma'(x) \lVert w \rVert_2 \nabla \int_0^1 \widehat{xyz} \xrightarrow{abc} \binom{n}{k} \Bigg( \textcolor{#f00}{x} \colorbox{yellow}{y}`;
    const html = katex.renderToString(tex, { displayMode: true, throwOnError: false });
    const clean = sanitizePromptHtml(html);
    const tags = (s: string) => (s.match(/<[a-zA-Z]+/g) ?? []).join(",");
    const styles = (s: string) => (s.match(/style="[^"]*"/g) ?? []).map((x) => x.replace(/;?"$/, '"')).join("|");
    const classes = (s: string) => (s.match(/class="[^"]*"/g) ?? []).join("|");
    expect(tags(clean)).toBe(tags(html));
    expect(styles(clean)).toBe(styles(html));
    expect(classes(clean)).toBe(classes(html));
    expect(clean).toContain('viewBox="0 0 400000');
  });
});
