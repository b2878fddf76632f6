/**
 * The built worker (public/editor/ts-worker.js, built here into a temporary folder exactly as `npm run build`
 * does) run in a bare context with only a worker's postMessage/onmessage: no Node, no DOM, nothing fetched.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEditorWorker } from "@/scripts/build-editor-worker";
import { MAX_EDITOR_SOURCE_CHARS } from "@/lib/editor/ts-service/limits";

interface WorkerContext {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}

const dir = mkdtempSync(path.join(tmpdir(), "editor-worker-"));
const outFile = path.join(dir, "ts-worker.js");
const answers: unknown[] = [];
let context: WorkerContext;
let built: Awaited<ReturnType<typeof buildEditorWorker>>;

/** Sends one message and returns the worker's answer to it (the worker answers synchronously). */
function send(data: unknown): { id: number; result?: unknown; error?: string } {
  const before = answers.length;
  context.onmessage!({ data });
  expect(answers.length).toBe(before + 1);
  return answers[before] as { id: number; result?: unknown; error?: string };
}

beforeAll(async () => {
  built = await buildEditorWorker(outFile);
  const sandbox = { postMessage: (m: unknown) => answers.push(m), onmessage: null } as WorkerContext & Record<string, unknown>;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(outFile, "utf8"), sandbox);
  context = sandbox;
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the editor worker bundle", () => {
  it("is built deterministically and carries the declarations, minified", async () => {
    expect(built.bytes).toBe(readFileSync(outFile).length);
    expect(built.gzipBytes).toBeLessThan(built.bytes);
    expect(built.declarationFiles).toBeGreaterThan(100);
    const first = readFileSync(outFile);
    await buildEditorWorker(outFile);
    expect(readFileSync(outFile).equals(first)).toBe(true);
    expect(first.toString("utf8")).toContain("lib.es2022.d.ts");
    expect(first.toString("utf8")).toContain("@tensorflow/tfjs-core/dist/index.d.ts");
  }, 120_000);

  it("answers completions, hover and diagnostics by id", () => {
    const code = 'import * as tf from "@tensorflow/tfjs";\nconst t = tf.tensor([1], "x");\ntf.ti';
    expect(send({ id: 1, method: "update", params: { code, starter: null } })).toEqual({ id: 1, result: null });
    const completions = send({ id: 2, method: "completions", params: { position: code.length } });
    expect(completions.id).toBe(2);
    expect((completions.result as { items: { label: string }[] }).items.map((i) => i.label)).toContain("tidy");
    const hover = send({ id: 3, method: "hover", params: { position: code.indexOf("tf.tensor") + 4 } });
    expect((hover.result as { documentation: string }).documentation).toContain("Creates a");
    const diagnostics = send({ id: 4, method: "diagnostics", params: {} });
    expect((diagnostics.result as { line: number; code: number }[]).map((d) => [d.line, d.code])).toContainEqual([2, 2345]);
  });

  it("answers malformed requests with an error instead of crashing", () => {
    expect(send("garbage")).toMatchObject({ id: -1, error: expect.stringContaining("malformed request") });
    expect(send(null)).toMatchObject({ id: -1, error: expect.stringContaining("malformed request") });
    expect(send({ id: 7, method: "format", params: {} })).toMatchObject({ id: 7, error: expect.stringContaining("malformed request") });
    expect(send({ id: 8, method: "hover", params: { position: -1 } })).toMatchObject({ id: 8, error: expect.any(String) });
    expect(send({ id: 9, method: "completions", params: { position: "12" } })).toMatchObject({ id: 9, error: expect.any(String) });
  });

  it("refuses a file over the limit with an error, then keeps answering", () => {
    const huge = "x".repeat(MAX_EDITOR_SOURCE_CHARS + 1);
    expect(send({ id: 10, method: "update", params: { code: huge, starter: null } })).toEqual({
      id: 10,
      error: `the file is longer than ${MAX_EDITOR_SOURCE_CHARS} characters; types are not checked`,
    });
    expect(send({ id: 11, method: "diagnostics" })).toEqual({ id: 11, result: [] });
  });

  it("answers binary garbage with diagnostics, not a crash", () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 40503) % 65536));
    expect(send({ id: 12, method: "update", params: { code: garbage, starter: "export function f(x: number): number { return x; }" } })).toEqual({ id: 12, result: null });
    const answer = send({ id: 13, method: "diagnostics" });
    expect(Array.isArray(answer.result)).toBe(true);
    expect(send({ id: 14, method: "completions", params: { position: 2000 } }).id).toBe(14);
    expect(send({ id: 15, method: "signatureHelp", params: { position: 4000 } }).id).toBe(15);
  });
});
