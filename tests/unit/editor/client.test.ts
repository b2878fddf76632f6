import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTypeService } from "@/lib/editor/ts-client";
import { EDITOR_WORKER_PATH } from "@/lib/editor/rpc";

/** A stand-in for the browser's Worker: records what is posted; the test answers or fails it. */
class FakeWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  posted: { id: number; method: string; params: unknown }[] = [];
  terminated = false;
  constructor(readonly url: string) {}
  postMessage(message: { id: number; method: string; params: unknown }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
  fail(): void {
    this.onerror?.({ preventDefault: () => {} } as ErrorEvent);
  }
}

function started(options: { timeoutMs?: number } = {}) {
  let worker: FakeWorker | undefined;
  const service = startTypeService(undefined, {
    ...options,
    createWorker: (url) => {
      worker = new FakeWorker(url);
      return worker as unknown as Worker;
    },
  });
  return { service, worker: worker! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("startTypeService", () => {
  it("spawns the worker at the built path and matches answers to calls by id", async () => {
    const { service, worker } = started();
    expect(worker.url).toBe(EDITOR_WORKER_PATH);
    service.update({ code: "tf.", starter: null });
    const hover = service.hover(1);
    const diagnostics = service.diagnostics();
    expect(worker.posted.map((m) => m.method)).toEqual(["update", "hover", "diagnostics"]);
    const [, hoverCall, diagnosticsCall] = worker.posted;
    worker.answer({ id: diagnosticsCall!.id, result: [{ from: 0, to: 1, line: 1, severity: "error", message: "m", code: 1 }] });
    worker.answer({ id: hoverCall!.id, result: { from: 0, to: 2, signature: "tf", documentation: "" } });
    expect(await hover).toEqual({ from: 0, to: 2, signature: "tf", documentation: "" });
    expect((await diagnostics).map((d) => d.line)).toEqual([1]);
    expect(worker.posted[0]).toEqual({ id: worker.posted[0]!.id, method: "update", params: { code: "tf.", starter: null } });
  });

  it("answers null for an error answer, and ignores answers that are not its own", async () => {
    const { service, worker } = started();
    const completions = service.completions(3);
    worker.answer({ id: 999, result: { from: 0, items: [] } });
    worker.answer("noise");
    worker.answer({ id: worker.posted[0]!.id, error: "malformed request" });
    expect(await completions).toBeNull();
  });

  it("treats a worker that never answers as hung: stops it, answers every call null or [] and signals once", async () => {
    const { service, worker } = started({ timeoutMs: 500 });
    const unavailable = vi.fn();
    service.onUnavailable?.(unavailable);
    const hover = service.hover(0);
    vi.advanceTimersByTime(200);
    const diagnostics = service.diagnostics();
    vi.advanceTimersByTime(300);
    expect(await hover).toBeNull();
    expect(await diagnostics).toEqual([]);
    expect(worker.terminated).toBe(true);
    expect(unavailable).toHaveBeenCalledTimes(1);
    expect(await service.signatureHelp(0)).toBeNull();
    expect(await service.completions(0)).toBeNull();
    vi.advanceTimersByTime(10_000);
    expect(unavailable).toHaveBeenCalledTimes(1);
    expect(worker.posted.map((m) => m.method)).toEqual(["hover", "diagnostics"]);
    const late = vi.fn();
    service.onUnavailable?.(late);
    await Promise.resolve();
    expect(late).toHaveBeenCalledTimes(1);
  });

  it("keeps a worker that answers within the timeout, however many calls it has answered", async () => {
    const { service, worker } = started({ timeoutMs: 500 });
    const unavailable = vi.fn();
    service.onUnavailable?.(unavailable);
    for (let i = 0; i < 3; i++) {
      const next = service.signatureHelp(0);
      vi.advanceTimersByTime(499);
      worker.answer({ id: worker.posted[i]!.id, result: { signatures: [], activeSignature: 0, activeParameter: 0 } });
      expect(await next).toEqual({ signatures: [], activeSignature: 0, activeParameter: 0 });
    }
    vi.advanceTimersByTime(10_000);
    expect(unavailable).not.toHaveBeenCalled();
    expect(worker.terminated).toBe(false);
  });

  it("when the worker fails to load, answers every call (pending and later) with null or [] and signals once", async () => {
    const { service, worker } = started();
    const unavailable = vi.fn();
    service.onUnavailable?.(unavailable);
    const pending = service.completions(0);
    worker.fail();
    worker.fail();
    expect(await pending).toBeNull();
    expect(unavailable).toHaveBeenCalledTimes(1);
    expect(worker.terminated).toBe(true);
    expect(await service.hover(0)).toBeNull();
    expect(await service.completionDetails(0, "tidy")).toBeNull();
    expect(await service.diagnostics()).toEqual([]);
    expect(() => service.update({ code: "", starter: null })).not.toThrow();
    expect(worker.posted).toHaveLength(1);
  });

  it("never throws when the worker cannot even be created (blocked by policy)", async () => {
    const service = startTypeService("/editor/ts-worker.js", {
      createWorker: () => {
        throw new DOMException("blocked", "SecurityError");
      },
    });
    const late = vi.fn();
    service.onUnavailable?.(late);
    await Promise.resolve();
    expect(late).toHaveBeenCalledTimes(1);
    expect(await service.completions(0)).toBeNull();
    expect(await service.diagnostics()).toEqual([]);
  });

  it("stops the worker on dispose without reporting it unavailable", async () => {
    const { service, worker } = started();
    const unavailable = vi.fn();
    service.onUnavailable?.(unavailable);
    const pending = service.hover(0);
    service.dispose();
    expect(await pending).toBeNull();
    expect(worker.terminated).toBe(true);
    expect(unavailable).not.toHaveBeenCalled();
  });
});
