import { Compartment, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { showTypeErrorsField, type TypedEditorOptions, type TypesStatus } from "./options";

/**
 * The typed editor's place in an editor: empty until the first focus, which imports the typed-editor code
 * (its own chunk, with the worker client) and starts the worker. Nothing of it is in the page's first load.
 */
export function lazyTypedEditor(options: () => TypedEditorOptions | undefined): { extension: Extension; dispose: () => void } {
  const compartment = new Compartment();
  let started = false;
  let disposed = false;
  let dispose: (() => void) | null = null;
  // The wrapper's data-types attribute says where the typed editor is (tests and the bench wait on it).
  const status = (next: TypesStatus, editor: EditorView) => {
    editor.dom.parentElement?.setAttribute("data-types", next);
    options()?.onStatus?.(next);
  };
  const start = (editor: EditorView) => {
    if (started) return;
    started = true;
    status("loading", editor);
    import("./extension")
      .then(({ startTypedEditor }) => {
        if (disposed) return;
        const typed = startTypedEditor({ starter: options()?.starter ?? null, onUnavailable: () => !disposed && status("unavailable", editor) });
        dispose = typed.dispose;
        editor.dispatch({ effects: compartment.reconfigure(typed.extension) });
        if (editor.dom.parentElement?.getAttribute("data-types") === "loading") status("ready", editor);
      })
      // The chunk did not load (offline, blocked): a plain editor, as before.
      .catch(() => !disposed && status("unavailable", editor));
  };
  return {
    extension: [
      showTypeErrorsField.init(() => options()?.showErrors ?? true),
      compartment.of([]),
      EditorView.domEventHandlers({
        focus(_event, editor) {
          start(editor);
          return false;
        },
      }),
    ],
    dispose: () => {
      disposed = true;
      dispose?.();
    },
  };
}
