import { EditorView } from "@codemirror/view";

/**
 * Tooltips of the typed editor: readable on a 390 px phone (never wider than the viewport, long
 * signatures wrap, long documentation scrolls inside the tooltip).
 */
export const typedEditorTheme = EditorView.baseTheme({
  ".cm-tooltip.cm-tooltip-hover, .cm-tooltip:has(> .cm-signatureHelp)": { maxWidth: "min(36rem, calc(100vw - 1rem))" },
  // No scrolling box inside a tooltip: the keyboard could not reach it (axe: scrollable-region-focusable).
  ".cm-typeInfo": { padding: "0.35rem 0.6rem", fontSize: "0.9rem", lineHeight: "1.4" },
  ".cm-typeInfo-signature": { margin: "0", padding: "0", background: "none", whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: "0.85rem" },
  ".cm-typeInfo-doc": { marginTop: "0.35rem", overflowWrap: "anywhere" },
  ".cm-typeInfo-example": { margin: "0.25rem 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: "0.8rem" },
  ".cm-typeInfo-doc p": { margin: "0.25rem 0 0" },
  ".cm-signatureHelp-active": { fontWeight: "700", textDecoration: "underline", textUnderlineOffset: "2px" },
  ".cm-signatureHelp-count": { margin: "0.25rem 0 0", fontSize: "0.8rem" },
  ".cm-tooltip.cm-completionInfo": { maxWidth: "min(28rem, calc(100vw - 1rem))" },
  ".cm-completionDetail": { overflow: "hidden", textOverflow: "ellipsis" },
});
