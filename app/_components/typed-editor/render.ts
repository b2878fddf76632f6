/** DOM for the typed editor's tooltips: a signature in code type, then its documentation as text. */

export function signatureBlock(signature: string): HTMLElement {
  const pre = document.createElement("pre");
  pre.className = "cm-typeInfo-signature";
  const code = document.createElement("code");
  code.textContent = signature;
  pre.append(code);
  return pre;
}

/**
 * TSDoc arrives as plain text wrapped at the author's line length: paragraphs split on blank lines and are
 * re-flowed to the tooltip's width; a fenced example (```) keeps its lines.
 */
export function documentationBlock(documentation: string): HTMLElement | null {
  const text = documentation.trim();
  if (!text) return null;
  const block = document.createElement("div");
  block.className = "cm-typeInfo-doc";
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (paragraph.trimStart().startsWith("```")) {
      const pre = document.createElement("pre");
      pre.className = "cm-typeInfo-example";
      pre.textContent = paragraph.replace(/^\s*```\w*\n?/, "").replace(/\n?```\s*$/, "");
      block.append(pre);
    } else {
      const p = document.createElement("p");
      p.textContent = paragraph.replace(/\s*\n\s*/g, " ");
      block.append(p);
    }
  }
  return block;
}

export function typeInfo(signature: string, documentation: string): HTMLElement {
  const dom = document.createElement("div");
  dom.className = "cm-typeInfo";
  dom.append(signatureBlock(signature));
  const doc = documentationBlock(documentation);
  if (doc) dom.append(doc);
  return dom;
}
