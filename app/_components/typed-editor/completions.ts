import { acceptCompletion, autocompletion, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { Prec, type Extension } from "@codemirror/state";
import { keymap, ViewPlugin, type EditorView } from "@codemirror/view";
import type { TypeCompletion } from "@/lib/editor/protocol";
import { typeInfo } from "./render";
import type { TypedSession } from "./session";

/** CodeMirror's icon types; TypeScript's other kinds (alias, const, let, module, …) map onto them. */
const ICON: Record<string, string> = {
  function: "function",
  method: "method",
  property: "property",
  getter: "property",
  setter: "property",
  variable: "variable",
  let: "variable",
  const: "constant",
  var: "variable",
  parameter: "variable",
  "local var": "variable",
  class: "class",
  interface: "interface",
  type: "type",
  alias: "type",
  enum: "enum",
  keyword: "keyword",
  module: "namespace",
  namespace: "namespace",
};

/**
 * The completion list scrolls and is driven from the editor (arrows, aria-activedescendant). Its list is made
 * focusable (tabindex 0) so that it is not a scroll area the keyboard cannot reach (axe's
 * scrollable-region-focusable); Tab never lands there in practice (with the list open, Tab accepts) and a
 * click keeps the focus in the editor (CodeMirror prevents it from moving).
 */
const focusableCompletionList = ViewPlugin.fromClass(
  class {
    private readonly observer: MutationObserver;
    constructor(view: EditorView) {
      this.observer = new MutationObserver(() => {
        for (const list of view.dom.querySelectorAll(".cm-tooltip-autocomplete > ul:not([tabindex])")) list.setAttribute("tabindex", "0");
      });
      this.observer.observe(view.dom, { childList: true, subtree: true });
    }
    destroy() {
      this.observer.disconnect();
    }
  },
);

/** After `.` or inside a word, or when asked (Ctrl-Space): the language service's completions at the cursor. */
function completionSource(session: TypedSession) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]*/);
    const afterDot = context.state.sliceDoc(Math.max(0, (word?.from ?? context.pos) - 1), word?.from ?? context.pos) === ".";
    if (!context.explicit && !afterDot && (!word || word.from === word.to)) return null;
    session.sync(context.state);
    const answer = await session.service.completions(context.pos);
    if (!answer || context.aborted || answer.items.length === 0) return null;
    const view = context.view;
    const details = (label: string) => async () => {
      if (!view) return null;
      session.sync(view.state);
      const found = await session.service.completionDetails(view.state.selection.main.head, label);
      return found && (found.detail || found.documentation) ? typeInfo(found.detail, found.documentation) : null;
    };
    return {
      from: answer.from,
      options: answer.items.map((item: TypeCompletion): Completion => ({
        label: item.label,
        type: ICON[item.kind] ?? item.kind,
        detail: item.detail,
        sortText: item.sortText,
        info: details(item.label),
      })),
      validFor: /^[\w$]*$/,
    };
  };
}

/**
 * The language service's completions replace the editor's word list (they include the file's own names).
 * Enter and Tab accept; Esc closes (the completion keymap), and Esc then Tab still leaves the editor
 * (CodeEditor's highest-precedence Escape handler).
 */
export function typeCompletions(session: TypedSession): Extension {
  return [autocompletion({ override: [completionSource(session)] }), focusableCompletionList, Prec.highest(keymap.of([{ key: "Tab", run: acceptCompletion }]))];
}
