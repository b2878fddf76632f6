import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import type { EditorState, Extension } from "@codemirror/state";
import { ViewPlugin, type EditorView, type ViewUpdate } from "@codemirror/view";
import type { TypeDiagnostic } from "@/lib/editor/protocol";
import { diagnosticsOnShow, TYPE_DIAGNOSTIC_SOURCE } from "../editor-error-marks";
import { showTypeErrorsField } from "./options";
import type { TypedSession } from "./session";

/** Quiet while the student types; checked once they pause. */
const DEBOUNCE_MS = 400;

/**
 * Placed by offset: the worker checks the very text the editor holds. Its `line` is the grader's number, which
 * counts U+2028/U+2029 as line breaks (TypeScript does; CodeMirror does not), so it cannot place a mark.
 */
export function toCodeMirror(state: EditorState, diagnostic: TypeDiagnostic): Diagnostic {
  const length = state.doc.length;
  const from = Math.min(Math.max(0, diagnostic.from), length);
  const to = Math.min(Math.max(from, diagnostic.to), length);
  return { from, to, severity: diagnostic.severity, message: diagnostic.message, source: TYPE_DIAGNOSTIC_SOURCE };
}

/** Replaces the type checker's diagnostics on show, leaving the grader's marks as they are. */
function publish(view: EditorView, diagnostics: readonly Diagnostic[]): void {
  view.dispatch(setDiagnostics(view.state, [...diagnosticsOnShow(view.state, false), ...diagnostics]));
}

/**
 * Type errors and warnings under the code, debounced, through @codemirror/lint (gutter, underline, tooltip,
 * the Ctrl-Shift-M panel) beside the grader's marks. Off with the "Show type errors" setting.
 */
export function typeDiagnostics(session: TypedSession): Extension {
  return ViewPlugin.fromClass(
    class {
      private timer: ReturnType<typeof setTimeout> | null = null;
      private destroyed = false;

      constructor(private readonly view: EditorView) {
        this.schedule(0);
      }

      update(update: ViewUpdate) {
        const show = update.state.field(showTypeErrorsField);
        const wasShown = update.startState.field(showTypeErrorsField);
        if (!show && wasShown) {
          this.cancel();
          // Not inside an update: CodeMirror forbids dispatching there.
          queueMicrotask(() => !this.destroyed && publish(this.view, []));
        } else if (show && (update.docChanged || !wasShown)) this.schedule(wasShown ? DEBOUNCE_MS : 0);
      }

      destroy() {
        this.destroyed = true;
        this.cancel();
      }

      private cancel() {
        if (this.timer !== null) clearTimeout(this.timer);
        this.timer = null;
      }

      private schedule(ms: number) {
        this.cancel();
        this.timer = setTimeout(() => void this.check(), ms);
      }

      private async check() {
        this.timer = null;
        const state = this.view.state;
        if (!state.field(showTypeErrorsField)) return;
        session.sync(state);
        const found = await session.service.diagnostics();
        // The student typed meanwhile (a newer check is scheduled) or turned the setting off: this answer is stale.
        if (this.destroyed || this.view.state.doc !== state.doc || !this.view.state.field(showTypeErrorsField)) return;
        publish(this.view, found.map((diagnostic) => toCodeMirror(this.view.state, diagnostic)));
      }
    },
  );
}
