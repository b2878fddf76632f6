import type { Extension } from "@codemirror/state";
import { startTypeService } from "@/lib/editor/ts-client";
import { typeCompletions } from "./completions";
import { typeDiagnostics } from "./diagnostics";
import { typeHover } from "./hover";
import { TypedSession } from "./session";
import { typeSignatureHelp } from "./signature-help";
import { typedEditorTheme } from "./theme";

/**
 * The typed editor, loaded on the editor's first focus (CodeEditor's dynamic import): starts the language
 * service's worker and returns the extensions that ask it. `onUnavailable` is told when the worker cannot
 * load or dies; the editor then stays a plain editor (every answer is empty).
 */
export function startTypedEditor(options: { starter: string | null; onUnavailable: () => void }): { extension: Extension; dispose: () => void } {
  const service = startTypeService();
  const stopListening = service.onUnavailable?.(options.onUnavailable);
  const session = new TypedSession(service, options.starter);
  return {
    extension: [typeCompletions(session), typeHover(session), typeSignatureHelp(session), typeDiagnostics(session), typedEditorTheme],
    dispose: () => {
      stopListening?.();
      service.dispose();
    },
  };
}
