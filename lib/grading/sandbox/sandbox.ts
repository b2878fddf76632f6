/** One isolated-vm isolate holding tfjs, and the per-submission sessions (contexts) opened in it. */
import ivm from "isolated-vm";
import type { Limits } from "../limits";
import { decodeCall, LoadedSchema, ThrownSchema, type RawOutcome, type Thrown } from "./decode";
import { HARNESS_SOURCE } from "./harness-source";
import { baseScripts } from "./platform-source";
import { getTfSnapshot } from "./snapshot";

export interface SandboxOptions {
  /** false: no snapshot; tf.min.js is compiled and run afresh in every context (same results, slower). */
  useSnapshot: boolean;
  memoryMb: number;
}

export type LimitHit = "cpu" | "memory" | "wall";

export type LoadOutcome =
  | { k: "loaded"; names: string[] }
  | { k: "throw"; thrown: Thrown }
  | { k: "syntax"; message: string; line: number; col: number }
  | { k: "limit"; limit: LimitHit };

export type CallOutcome = RawOutcome | { k: "limit"; limit: LimitHit };

/** Receives captured console output; returns false once it wants no more. */
export type ConsoleSink = (level: string, text: string) => boolean;

const STUDENT_FILE = "student.ts";
const WALL = Symbol("wall");

function classifyIvmError(e: unknown, isolate: ivm.Isolate): LimitHit | null {
  const message = e instanceof Error ? e.message : String(e);
  if (/timed out/i.test(message)) return "cpu";
  if (/memory limit/i.test(message)) return "memory";
  if (isolate.isDisposed || /disposed/i.test(message)) return "memory";
  return null;
}

/** A tfjs isolate: fresh from the snapshot (default) or with tfjs loaded into each context. */
export class SandboxIsolate {
  readonly isolate: ivm.Isolate;
  private readonly baseCompiled: ivm.Script[] = [];

  constructor(readonly options: SandboxOptions) {
    this.isolate = options.useSnapshot
      ? new ivm.Isolate({ snapshot: getTfSnapshot(), memoryLimit: options.memoryMb })
      : new ivm.Isolate({ memoryLimit: options.memoryMb });
    if (!options.useSnapshot) {
      for (const s of baseScripts()) this.baseCompiled.push(this.isolate.compileScriptSync(s.code, { filename: s.filename }));
    }
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /** Opens a fresh context (own globals, own tf) with the harness installed and the PRNG seeded. */
  openSession(seed: number, limits: Limits, sink: ConsoleSink): Session {
    const context = this.isolate.createContextSync();
    for (const script of this.baseCompiled) script.runSync(context);
    const log = new ivm.Callback((level: unknown, text: unknown) =>
      typeof level === "string" && typeof text === "string" ? sink(level, text) : false,
    );
    const harnessLimits = new ivm.ExternalCopy({
      resultItems: limits.resultItems,
      resultDepth: limits.resultDepth,
      consoleBytes: limits.consoleBytes,
    }).copyInto({ release: true });
    const harness: ivm.Reference<unknown> = context.evalClosureSync(HARNESS_SOURCE, [seed, harnessLimits, log], {
      result: { reference: true },
      filename: "grader:harness.js",
    });
    return new Session(this.isolate, context, harness, limits);
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

/** One submission's context: load the module once, then call exports test by test. */
export class Session {
  tainted = false;

  constructor(
    private readonly isolate: ivm.Isolate,
    private readonly context: ivm.Context,
    private readonly harness: ivm.Reference<unknown>,
    private readonly limits: Limits,
  ) {}

  /** Evaluates the student's module body (CommonJS-shaped JavaScript) under the load limit. */
  async load(js: string): Promise<LoadOutcome> {
    let moduleFn: ivm.Reference<unknown>;
    try {
      const script = this.isolate.compileScriptSync(`(function (exports, require, module) {\n${js}\n})`, {
        filename: STUDENT_FILE,
        lineOffset: -1,
      });
      moduleFn = script.runSync(this.context, { reference: true, release: true });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const pos = /student\.ts:(\d+):(\d+)/.exec(message);
      return { k: "syntax", message: message.replace(/\s*\[student\.ts:\d+:\d+\]\s*$/, ""), line: Number(pos?.[1] ?? 0), col: Number(pos?.[2] ?? 0) };
    }
    const raw = await this.invoke(["load", moduleFn.derefInto({ release: true })], this.limits.loadMs);
    if ("limit" in raw) return { k: "limit", limit: raw.limit };
    const loaded = LoadedSchema.safeParse(raw.value);
    if (loaded.success) return { k: "loaded", names: loaded.data.names };
    const thrown = ThrownSchema.safeParse(raw.value);
    if (thrown.success) return { k: "throw", thrown: thrown.data };
    throw new Error("harness returned a malformed load result");
  }

  /** Calls one export with arguments copied in by structured clone; the result comes back as data. */
  async call(name: string, args: unknown[]): Promise<CallOutcome> {
    const argsCopy = new ivm.ExternalCopy(args).copyInto({ release: true });
    const raw = await this.invoke(["call", name, argsCopy], this.limits.callMs);
    if ("limit" in raw) return { k: "limit", limit: raw.limit };
    return decodeCall(raw.value, this.limits.resultItems, this.limits.resultDepth);
  }

  private async invoke(args: unknown[], ms: number): Promise<{ value: unknown } | { limit: LimitHit }> {
    if (this.tainted || this.isolate.isDisposed) return { limit: "memory" };
    let timer: NodeJS.Timeout | undefined;
    const wall = new Promise<typeof WALL>((resolve) => {
      // isolated-vm's timeout covers the call and its microtasks; this catches a promise that never settles.
      timer = setTimeout(() => resolve(WALL), ms + 50);
    });
    try {
      const call = this.harness.apply(undefined, args, { timeout: ms, result: { copy: true, promise: true } });
      const value = await Promise.race([call, wall]);
      if (value === WALL) {
        call.catch(() => undefined);
        this.tainted = true;
        return { limit: "wall" };
      }
      return { value };
    } catch (e) {
      const limit = classifyIvmError(e, this.isolate);
      if (limit === null) throw e;
      if (limit === "memory") this.tainted = true;
      return { limit };
    } finally {
      clearTimeout(timer);
    }
  }

  release(): void {
    if (this.isolate.isDisposed) return;
    this.harness.release();
    this.context.release();
  }
}
