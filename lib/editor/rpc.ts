/** The messages between the editor (lib/editor/ts-client.ts) and the worker (lib/editor/ts-worker.ts). */
import { z } from "zod";

// These schemas run in the browser (the page and the worker) under a CSP without eval: zod must not even
// probe for it with `new Function` (the probe is reported as a violation even though zod catches it).
z.config({ jitless: true });

/** Where the build (scripts/build-editor-worker.ts) writes the worker, under public/. */
export const EDITOR_WORKER_PATH = "/editor/ts-worker.js";

const Position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const RequestSchema = z.discriminatedUnion("method", [
  z.object({ id: z.number().int(), method: z.literal("update"), params: z.object({ code: z.string(), starter: z.string().nullable() }) }),
  z.object({ id: z.number().int(), method: z.literal("completions"), params: z.object({ position: Position }) }),
  z.object({ id: z.number().int(), method: z.literal("completionDetails"), params: z.object({ position: Position, label: z.string().max(1000) }) }),
  z.object({ id: z.number().int(), method: z.literal("hover"), params: z.object({ position: Position }) }),
  z.object({ id: z.number().int(), method: z.literal("signatureHelp"), params: z.object({ position: Position }) }),
  z.object({ id: z.number().int(), method: z.literal("diagnostics"), params: z.object({}).optional() }),
]);
export type WorkerRequest = z.infer<typeof RequestSchema>;
export type WorkerMethod = WorkerRequest["method"];

export type WorkerResponse = { id: number; result: unknown } | { id: number; error: string };

export const ResponseSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }),
  z.object({ id: z.number().int(), error: z.string() }),
]);
