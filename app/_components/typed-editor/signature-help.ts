import { EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { EditorView, keymap, showTooltip, ViewPlugin, type Tooltip, type ViewUpdate } from "@codemirror/view";
import type { TypeSignatureHelp } from "@/lib/editor/protocol";
import { signatureAnnouncement } from "./announce";
import { documentationBlock } from "./render";
import type { TypedSession } from "./session";

export const setSignatureHelp = StateEffect.define<{ pos: number; help: TypeSignatureHelp } | null>();

interface OpenSignature {
  tooltip: Tooltip;
  /** What the live region said of it: said again only when it changes (another parameter, another overload). */
  announcement: string;
}

/** The signature of the call the cursor is in, shown above the cursor (the completion list opens below). */
const signatureField = StateField.define<OpenSignature | null>({
  create: () => null,
  update(open, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setSignatureHelp)) {
        const tooltip = effect.value && tooltipOf(effect.value.pos, effect.value.help);
        return tooltip ? { tooltip, announcement: signatureAnnouncement(effect.value!.help) } : null;
      }
    }
    if (open && transaction.docChanged) return { ...open, tooltip: { ...open.tooltip, pos: transaction.changes.mapPos(open.tooltip.pos) } };
    return open;
  },
  provide: (field) => showTooltip.from(field, (open) => open?.tooltip ?? null),
});

/**
 * Signature help opens from the keyboard (`(`, `,`, Ctrl-Shift-Space) and is visual: each new text of it is
 * also said through the editor's polite live region (EditorView.announce), once.
 */
const announceSignature = EditorState.transactionExtender.of((transaction) => {
  const effect = transaction.effects.find((e) => e.is(setSignatureHelp));
  if (!effect?.value) return null;
  const said = transaction.startState.field(signatureField, false)?.announcement;
  const text = signatureAnnouncement(effect.value.help);
  return text && text !== said ? { effects: EditorView.announce.of(text) } : null;
});

function tooltipOf(pos: number, help: TypeSignatureHelp): Tooltip | null {
  const signature = help.signatures[help.activeSignature] ?? help.signatures[0];
  if (!signature) return null;
  return {
    pos,
    above: true,
    strictSide: false,
    create: () => {
      const dom = document.createElement("div");
      dom.className = "cm-typeInfo cm-signatureHelp";
      const pre = document.createElement("pre");
      pre.className = "cm-typeInfo-signature";
      const code = document.createElement("code");
      code.append(signature.prefix);
      signature.parameters.forEach((parameter, index) => {
        if (index > 0) code.append(signature.separator);
        if (index === help.activeParameter) {
          const active = document.createElement("strong");
          active.className = "cm-signatureHelp-active";
          active.textContent = parameter.label;
          code.append(active);
        } else code.append(parameter.label);
      });
      code.append(signature.suffix);
      pre.append(code);
      dom.append(pre);
      if (help.signatures.length > 1) {
        const count = document.createElement("p");
        count.className = "cm-signatureHelp-count";
        count.textContent = `Overload ${help.activeSignature + 1} of ${help.signatures.length}`;
        dom.append(count);
      }
      const parameterDoc = documentationBlock(signature.parameters[help.activeParameter]?.documentation ?? "");
      if (parameterDoc) dom.append(parameterDoc);
      const doc = documentationBlock(signature.documentation);
      if (doc) dom.append(doc);
      return { dom };
    },
  };
}

/** True when this update typed `(` or `,` just before the cursor: the moments signature help opens. */
function typedCallPunctuation(update: ViewUpdate): boolean {
  if (!update.docChanged || !update.transactions.some((transaction) => transaction.isUserEvent("input"))) return false;
  const head = update.state.selection.main.head;
  const before = update.state.sliceDoc(Math.max(0, head - 1), head);
  // Close-brackets inserts `()` with the cursor between: the character before is the `(`.
  return before === "(" || before === ",";
}

function signatureHelper(session: TypedSession) {
  return ViewPlugin.fromClass(
    class {
      private asked = 0;
      private destroyed = false;
      constructor(private readonly view: EditorView) {}
      destroy() {
        this.destroyed = true;
      }
      update(update: ViewUpdate) {
        const open = update.state.field(signatureField) !== null;
        if (typedCallPunctuation(update) || (open && (update.docChanged || update.selectionSet))) void this.ask();
      }
      private async ask() {
        const ticket = ++this.asked;
        const state = this.view.state;
        session.sync(state);
        const head = state.selection.main.head;
        const help = await session.service.signatureHelp(head);
        // A newer question is on its way: its answer counts. The text moved on meanwhile: ask about the new text.
        if (ticket !== this.asked || this.destroyed) return;
        if (!session.current(this.view.state) || this.view.state.selection.main.head !== head) return void this.ask();
        this.view.dispatch({ effects: setSignatureHelp.of(help && help.signatures.length > 0 ? { pos: head, help } : null) });
      }
    },
  );
}

const closeSignatureHelp = (view: EditorView) => {
  if (view.state.field(signatureField) !== null) view.dispatch({ effects: setSignatureHelp.of(null) });
  // Esc goes on to the other handlers (completions, Esc-then-Tab).
  return false;
};

/** Signature help inside a call: opens after `(` and `,`, follows the cursor, the active parameter in bold; Esc closes. */
export function typeSignatureHelp(session: TypedSession): Extension {
  return [signatureField, announceSignature, signatureHelper(session), keymap.of([{ key: "Escape", run: closeSignatureHelp }, { key: "Ctrl-Shift-Space", run: (view) => openNow(view, session) }])];
}

function openNow(view: EditorView, session: TypedSession): boolean {
  session.sync(view.state);
  const head = view.state.selection.main.head;
  void session.service.signatureHelp(head).then((help) => {
    if (help && help.signatures.length > 0 && session.current(view.state)) view.dispatch({ effects: setSignatureHelp.of({ pos: view.state.selection.main.head, help }) });
  });
  return true;
}
