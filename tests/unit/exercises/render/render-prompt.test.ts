import { describe, expect, it } from "vitest";
import { renderPrompt, renderPromptWithReport, renderInline } from "@/lib/exercises/render";

describe("renderPrompt", () => {
  it("renders Markdown without raw HTML", () => {
    const html = renderPrompt("# Title\n\nSome **bold** and *em*, a [link](https://keras.io).\n\n- one\n- two");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://keras.io" rel="nofollow noopener noreferrer">link</a>');
    expect(html).toContain("<li>two</li>");
    expect(renderPrompt("<b>raw</b>")).toContain("&lt;b&gt;raw&lt;/b&gt;");
  });

  it("gives fenced code a language class and escapes it", () => {
    const html = renderPrompt("```ts\nconst x: number = 1 < 2 ? 1 : 0;\n```");
    expect(html).toContain('<pre><code class="language-ts">const x: number = 1 &lt; 2 ? 1 : 0;');
    expect(renderPrompt('```ts" onmouseover="alert(1)\nx\n```')).not.toMatch(/onmouseover=/);
  });

  it("fills placeholders in text, code and math, escaped once", () => {
    const html = renderPrompt("N = {{n}}, B = {{ b }}.\n\n`batch = {{b}}`\n\n$N = {{n}}$", { params: { n: 60000, b: 32 } });
    expect(html).toContain("N = 60000, B = 32.");
    expect(html).toContain("<code>batch = 32</code>");
    expect(html).toContain('<annotation encoding="application/x-tex">N = 60000</annotation>');
    expect(renderPrompt("{{z}}", { params: { z: -0 } })).toBe("<p>0</p>\n");
  });

  it("never lets a placeholder value become markup", () => {
    const value = '<img src=x onerror="alert(1)"> [x](javascript:alert(1)) **bold** & co';
    const html = renderPrompt("Value: {{v}}", { params: { v: value } });
    // sanitize-html writes quotes in text unescaped, which is safe outside attributes.
    expect(html).toBe('<p>Value: &lt;img src=x onerror="alert(1)"&gt; [x](javascript:alert(1)) **bold** &amp; co</p>\n');
  });

  it("reports unknown placeholders and leaves them visible", () => {
    const report = renderPromptWithReport("{{known}} and {{missing}} and {{missing}} and {{constructor}}", { params: { known: 1 } });
    expect(report.html).toContain("1 and {{missing}} and {{missing}} and {{constructor}}");
    expect(report.problems).toEqual([
      { kind: "placeholder", message: "unknown placeholder {{missing}}" },
      { kind: "placeholder", message: "unknown placeholder {{constructor}}" },
    ]);
  });

  it("fills placeholders in link targets as encoded text", () => {
    expect(renderPrompt("[doc](https://example.com/{{page}})", { params: { page: "a b" } })).toContain('href="https://example.com/a%20b"');
  });

  it("renders a choice inline without a paragraph", () => {
    expect(renderInline("softmax with $\\sigma$", {})).toMatch(/^softmax with <span class="katex">/);
  });

  it("ignores private-use characters an author might paste", () => {
    expect(renderPrompt("\uE0000\uE001", { params: {} })).toBe("<p>\uFFFD0\uFFFD</p>\n");
  });
});
