/**
 * The Web Worker entry (bundled to public/editor/ts-worker.js): answers {id, method, params} with {id, result}
 * or {id, error}. The language service is built on the first request, from the declarations baked into the
 * bundle. Every request is answered, bad input included: the worker never throws out of its handler.
 */
import { RequestSchema, type WorkerRequest, type WorkerResponse } from "./rpc";
import { BUNDLED_DECLARATIONS } from "./ts-service/bundled-declarations";
import { createEditorTypeService, type EditorTypeService } from "./ts-service/service";
import { MAX_EDITOR_SOURCE_CHARS } from "./ts-service/limits";

let service: EditorTypeService | null = null;

function theService(): EditorTypeService {
  if (service) return service;
  if (!BUNDLED_DECLARATIONS) throw new Error("the worker was bundled without its declarations");
  service = createEditorTypeService(BUNDLED_DECLARATIONS);
  return service;
}

export function answer(request: WorkerRequest): unknown {
  const s = theService();
  switch (request.method) {
    case "update": {
      const { code, starter } = request.params;
      if (code.length > MAX_EDITOR_SOURCE_CHARS || (starter?.length ?? 0) > MAX_EDITOR_SOURCE_CHARS) {
        s.update({ code: "", starter: null });
        throw new Error(`the file is longer than ${MAX_EDITOR_SOURCE_CHARS} characters; types are not checked`);
      }
      s.update({ code, starter });
      return null;
    }
    case "completions":
      return s.completions(request.params.position);
    case "completionDetails":
      return s.completionDetails(request.params.position, request.params.label);
    case "hover":
      return s.hover(request.params.position);
    case "signatureHelp":
      return s.signatureHelp(request.params.position);
    case "diagnostics":
      return s.diagnostics();
  }
}

/** One message in, one answer out; never throws. */
export function handleMessage(data: unknown): WorkerResponse {
  const id = typeof data === "object" && data !== null && "id" in data && Number.isInteger(data.id) ? (data.id as number) : -1;
  const parsed = RequestSchema.safeParse(data);
  if (!parsed.success) return { id, error: `malformed request: ${parsed.error.issues[0]?.message ?? "unknown"}` };
  try {
    return { id, result: answer(parsed.data) ?? null };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}

interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}

/**
 * The first answer builds the program and checks tfjs's declarations (seconds): done as soon as the worker
 * starts, while the student is still reading, unless a request came first (it would be overwritten).
 */
let answeredAny = false;
function warmUp(): void {
  if (answeredAny) return;
  try {
    const s = theService();
    s.update({ code: "tf.", starter: null });
    s.completions(3);
    s.diagnostics();
    s.update({ code: "", starter: null });
  } catch {
    // A request will meet the same failure and answer it.
  }
}

const scope = globalThis as unknown as Partial<WorkerScope> & { setTimeout?: (f: () => void, ms: number) => unknown };
if (typeof scope.postMessage === "function" && "onmessage" in scope && typeof (globalThis as { document?: unknown }).document === "undefined") {
  scope.onmessage = (event) => {
    answeredAny = true;
    scope.postMessage!(handleMessage(event.data));
  };
  scope.setTimeout?.(warmUp, 0);
}
