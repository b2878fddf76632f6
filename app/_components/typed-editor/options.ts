import { StateEffect, StateField } from "@codemirror/state";

/*
 * What the page tells a typed editor, kept in the editor state so that the lazily loaded typed-editor code
 * (./extension.ts) reads it when it arrives and follows it afterwards. Tiny on purpose: this module is part
 * of the page's first JavaScript, the language service is not.
 */

/** Turns type diagnostics on or off (the "Show type errors" setting); completions and hover stay either way. */
export const setShowTypeErrors = StateEffect.define<boolean>();

export const showTypeErrorsField = StateField.define<boolean>({
  create: () => true,
  update(show, transaction) {
    for (const effect of transaction.effects) if (effect.is(setShowTypeErrors)) show = effect.value;
    return show;
  },
});

/** Where the typed editor is: not asked for yet, loading (first focus), answering, or unavailable (the worker failed). */
export type TypesStatus = "idle" | "loading" | "ready" | "unavailable";

/** The optional `types` prop of CodeEditor: code exercise editors only. */
export interface TypedEditorOptions {
  /** The exercise's starter: its exports are the contract the student's code is checked against. */
  starter: string | null;
  /** The "Show type errors" setting. */
  showErrors: boolean;
  onStatus?: (status: TypesStatus) => void;
}
