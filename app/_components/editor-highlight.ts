import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

/**
 * Syntax colours for the editor, each readable at 4.5:1 on its white background (active line included):
 * CodeMirror's default style is the same but for regular expressions and escapes (#e40, 3.6:1) and
 * invalid code (#f00, 4.0:1). tests/unit/app/_components/palette-contrast.test.ts checks every colour listed here.
 */
export const EDITOR_SYNTAX_COLOURS = {
  meta: "#404740",
  keyword: "#770088",
  atom: "#221199",
  literal: "#116644",
  string: "#aa1111",
  regexp: "#b13a06",
  definition: "#0000ff",
  local: "#3300aa",
  typeName: "#008855",
  className: "#116677",
  special: "#225566",
  property: "#0000cc",
  comment: "#994400",
  invalid: "#cc0000",
} as const;

const c = EDITOR_SYNTAX_COLOURS;

const accessibleHighlightStyle = HighlightStyle.define([
  { tag: tags.meta, color: c.meta },
  { tag: tags.link, textDecoration: "underline" },
  { tag: tags.heading, textDecoration: "underline", fontWeight: "bold" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strong, fontWeight: "bold" },
  { tag: tags.strikethrough, textDecoration: "line-through" },
  { tag: tags.keyword, color: c.keyword },
  { tag: [tags.atom, tags.bool, tags.url, tags.contentSeparator, tags.labelName], color: c.atom },
  { tag: [tags.literal, tags.inserted], color: c.literal },
  { tag: [tags.string, tags.deleted], color: c.string },
  { tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: c.regexp },
  { tag: tags.definition(tags.variableName), color: c.definition },
  { tag: tags.local(tags.variableName), color: c.local },
  { tag: [tags.typeName, tags.namespace], color: c.typeName },
  { tag: tags.className, color: c.className },
  { tag: [tags.special(tags.variableName), tags.macroName], color: c.special },
  { tag: tags.definition(tags.propertyName), color: c.property },
  { tag: tags.comment, color: c.comment },
  { tag: tags.invalid, color: c.invalid },
]);

/** Replaces basicSetup's default highlighting, which only applies when no other highlighter is set. */
export const accessibleHighlighting = syntaxHighlighting(accessibleHighlightStyle);
