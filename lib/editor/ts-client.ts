/**
 * The browser side of the typed editor: spawns the language-service worker and talks to it by numbered
 * requests. Never throws into the UI: when the worker cannot load or dies, every call answers null or [] and
 * the `onUnavailable` listeners hear it once. A call the worker does not answer in time means it hangs (a
 * loop in the checker, a stuck build): the worker is stopped and the service is unavailable as after a crash.
 */
import type { TypeCompletions, TypeDiagnostic, TypeHover, TypeService, TypeSignatureHelp, TypedProgramInput } from "./protocol";
import { EDITOR_WORKER_PATH, ResponseSchema, type WorkerMethod } from "./rpc";

export interface TypeServiceOptions {
  /** Per call; the first call also builds the program (seconds on a slow machine), so it is generous. */
  timeoutMs?: number;
  /** For tests: how the worker is made. */
  createWorker?: (url: string) => Worker;
}

const DEFAULT_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (value: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function startTypeService(url: string = EDITOR_WORKER_PATH, options: TypeServiceOptions = {}): TypeService {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  const listeners = new Set<() => void>();
  let nextId = 1;
  let unavailable = false;
  let worker: Worker | null = null;

  function becomeUnavailable(): void {
    if (unavailable) return;
    unavailable = true;
    worker?.terminate();
    worker = null;
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.resolve(null);
    }
    pending.clear();
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // A listener's failure is the UI's; the service stays quiet.
      }
    }
  }

  try {
    worker = (options.createWorker ?? ((u) => new Worker(u, { name: "typescript" })))(url);
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const response = ResponseSchema.safeParse(event.data);
      if (!response.success) return;
      const waiting = pending.get(response.data.id);
      if (!waiting) return;
      pending.delete(response.data.id);
      clearTimeout(waiting.timer);
      waiting.resolve("result" in response.data ? response.data.result : null);
    };
    // A script that fails to load (404, blocked by CSP or by the network) or throws at start lands here.
    worker.onerror = (event) => {
      event.preventDefault?.();
      becomeUnavailable();
    };
    worker.onmessageerror = () => becomeUnavailable();
  } catch {
    unavailable = true;
    worker = null;
  }

  function call(method: WorkerMethod, params: object): Promise<unknown> {
    if (unavailable || !worker) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
        becomeUnavailable();
      }, timeoutMs);
      pending.set(id, { resolve, timer });
      try {
        worker!.postMessage({ id, method, params });
      } catch {
        clearTimeout(timer);
        pending.delete(id);
        resolve(null);
      }
    });
  }

  return {
    update(input: TypedProgramInput): void {
      void call("update", { code: input.code, starter: input.starter });
    },
    completions: async (position) => ((await call("completions", { position })) as TypeCompletions | null) ?? null,
    completionDetails: async (position, label) => ((await call("completionDetails", { position, label })) as { detail: string; documentation: string } | null) ?? null,
    hover: async (position) => ((await call("hover", { position })) as TypeHover | null) ?? null,
    signatureHelp: async (position) => ((await call("signatureHelp", { position })) as TypeSignatureHelp | null) ?? null,
    diagnostics: async () => {
      const result = await call("diagnostics", {});
      return Array.isArray(result) ? (result as TypeDiagnostic[]) : [];
    },
    onUnavailable(listener: () => void): () => void {
      if (unavailable) {
        queueMicrotask(listener);
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose(): void {
      listeners.clear();
      becomeUnavailable();
    },
  };
}
