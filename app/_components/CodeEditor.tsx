"use client";

import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { accessibleHighlighting } from "./editor-highlight";
import { errorMarks, showErrors, type EditorDiagnostic } from "./editor-error-marks";
import { lazyTypedEditor } from "./typed-editor/lazy";
import { setShowTypeErrors, showTypeErrorsField, type TypedEditorOptions } from "./typed-editor/options";

export type { EditorDiagnostic };

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Errors to mark in the editor (compile and runtime errors with a line). */
  diagnostics?: readonly EditorDiagnostic[];
  /** Ctrl/Cmd-Enter. */
  onRun?: () => void;
  /** Ctrl/Cmd-Shift-Enter. */
  onSubmit?: () => void;
  label: string;
  /** Id of the element that explains the editor's keys (its aria-describedby). */
  describedBy?: string;
  /** "typescript" (the default) highlights code; "text" (a Markdown prompt) wraps long lines and highlights nothing. */
  language?: "typescript" | "text";
  /**
   * A code exercise's editor: on its first focus it loads the typed editor (completions, hover, signature
   * help and type diagnostics from the TypeScript language service in a worker; issue 22).
   */
  types?: TypedEditorOptions;
}

/** A TypeScript editor (CodeMirror 6, bundled with the app) with line numbers and error marks. */
export function CodeEditor({ value, onChange, diagnostics = [], onRun, onSubmit, label, describedBy, language = "typescript", types }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onRun, onSubmit, types });
  useEffect(() => {
    callbacks.current = { onChange, onRun, onSubmit, types };
  });

  useEffect(() => {
    if (!host.current) return;
    const typed = types ? lazyTypedEditor(() => callbacks.current.types) : null;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          // Esc then Tab must always leave the editor, even when Esc also closes a (pending) completion,
          // which would otherwise swallow the key before CodeMirror's own tab-focus handling sees it.
          Prec.highest(
            EditorView.domEventHandlers({
              keydown(event, editor) {
                if (event.key === "Escape") editor.setTabFocusMode(2000);
                return false;
              },
            }),
          ),
          basicSetup,
          accessibleHighlighting,
          language === "typescript" ? javascript({ typescript: true }) : EditorView.lineWrapping,
          // Above basicSetup's default keymap, whose Mod-Enter inserts a blank line.
          Prec.highest(
            keymap.of([
              { key: "Mod-Enter", run: () => (callbacks.current.onRun?.(), true) },
              { key: "Mod-Shift-Enter", run: () => (callbacks.current.onSubmit?.(), true) },
            ]),
          ),
          keymap.of([indentWithTab]),
          errorMarks,
          // tabindex="0" says out loud what contenteditable already does, so that tools (axe) see that the
          // editor's scrolling area holds something keyboard users can reach.
          EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0", ...(describedBy ? { "aria-describedby": describedBy } : {}) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          typed ? typed.extension : [],
        ],
      }),
    });
    view.current = editor;
    return () => {
      typed?.dispose();
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later `value` changes arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    showErrors(editor, diagnostics);
  }, [diagnostics]);

  const showTypeErrors = types?.showErrors;
  useEffect(() => {
    const editor = view.current;
    if (!editor || showTypeErrors === undefined || editor.state.field(showTypeErrorsField, false) === showTypeErrors) return;
    editor.dispatch({ effects: setShowTypeErrors.of(showTypeErrors) });
  }, [showTypeErrors]);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
