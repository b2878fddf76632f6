import type { TypeHover, TypeSignatureHelp } from "@/lib/editor/protocol";

/**
 * What a screen reader hears of the typed editor's tooltips (they are visual only): said through the editor's
 * own polite live region (EditorView.announce: one per editor, visually hidden, CodeMirror's `.cm-announced`).
 * The signature and the first paragraph of the documentation; the rest is in the tooltip.
 */
function firstParagraph(documentation: string): string {
  return (documentation.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s*\n\s*/g, " ");
}

function sentences(parts: string[]): string {
  return parts
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "")
    .map((p) => (/[.!?:]$/.test(p) ? p : `${p}.`))
    .join(" ");
}

export function hoverAnnouncement(hover: TypeHover): string {
  return sentences([hover.signature, firstParagraph(hover.documentation)]);
}

export function signatureAnnouncement(help: TypeSignatureHelp): string {
  const signature = help.signatures[help.activeSignature] ?? help.signatures[0];
  if (!signature) return "";
  const parameter = signature.parameters[help.activeParameter];
  const whole = signature.prefix + signature.parameters.map((p) => p.label).join(signature.separator) + signature.suffix;
  return sentences([
    parameter ? `Parameter ${help.activeParameter + 1} of ${signature.parameters.length}: ${parameter.label}` : "",
    firstParagraph(parameter?.documentation ?? ""),
    whole,
    help.signatures.length > 1 ? `Overload ${help.activeSignature + 1} of ${help.signatures.length}` : "",
  ]);
}
