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

/** A context with the harness installed, not yet bound to a submission (seed, limits, console). */
interface PreparedContext {
  context: ivm.Context;
  harness: ivm.Reference<unknown>;
  /** Where the context's console callback writes; set when a submission takes the context. */
  route: { sink: ConsoleSink };
}

const NO_SINK: ConsoleSink = () => false;

/** A tfjs isolate: fresh from the snapshot (default) or with tfjs loaded into each context. */
export class SandboxIsolate {
  readonly isolate: ivm.Isolate;
  private readonly baseCompiled: ivm.Script[] = [];
  private spare: PreparedContext | null = null;
  /** Heap in use (bytes) right after creation: the base for `heapGrowthMb`. */
  private readonly baseHeap: number;

  constructor(readonly options: SandboxOptions) {
    this.isolate = options.useSnapshot
      ? new ivm.Isolate({ snapshot: getTfSnapshot(), memoryLimit: options.memoryMb })
      : new ivm.Isolate({ memoryLimit: options.memoryMb });
    if (!options.useSnapshot) {
      for (const s of baseScripts()) this.baseCompiled.push(this.isolate.compileScriptSync(s.code, { filename: s.filename }));
    }
    this.baseHeap = this.isolate.getHeapStatisticsSync().used_heap_size;
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  /** Heap in use in MB, garbage not yet collected included. */
  heapUsedMb(): number {
    if (this.isolate.isDisposed) return Number.POSITIVE_INFINITY;
    return this.isolate.getHeapStatisticsSync().used_heap_size / (1024 * 1024);
  }

  /** Growth of the heap since creation in MB, garbage not yet collected included. */
  heapGrowthMb(): number {
    return this.heapUsedMb() - this.baseHeap / (1024 * 1024);
  }

  /** Creates a context with the harness installed: all the per-context work that needs no submission. */
  private prepare(): PreparedContext {
    const context = this.isolate.createContextSync();
    for (const script of this.baseCompiled) script.runSync(context);
    const route = { sink: NO_SINK };
    const log = new ivm.Callback((level: unknown, text: unknown) =>
      typeof level === "string" && typeof text === "string" ? route.sink(level, text) : false,
    );
    const harness: ivm.Reference<unknown> = context.evalClosureSync(HARNESS_SOURCE, [log], {
      result: { reference: true },
      filename: "grader:harness.js",
    });
    return { context, harness, route };
  }

  /** Prepares the next submission's context ahead of time (off the critical path). */
  prepareSpare(): void {
    if (this.spare === null && !this.isolate.isDisposed) this.spare = this.prepare();
  }

  get hasSpare(): boolean {
    return this.spare !== null;
  }

  /** Opens a fresh context (own globals, own tf) with the harness installed and the PRNG seeded. */
  openSession(seed: number, limits: Limits, sink: ConsoleSink): Session {
    const prepared = this.spare ?? this.prepare();
    this.spare = null;
    prepared.route.sink = sink;
    const harnessLimits = new ivm.ExternalCopy({
      resultItems: limits.resultItems,
      resultDepth: limits.resultDepth,
      consoleBytes: limits.consoleBytes,
    }).copyInto({ release: true });
    prepared.harness.applySync(undefined, ["start", seed, harnessLimits], { timeout: 1000 });
    return new Session(this.isolate, prepared, limits, this.heapUsedMb());
  }

  dispose(): void {
    this.spare = null;
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

/** One submission's context: load the module once, then call exports test by test. */
export class Session {
  tainted = false;

  private readonly context: ivm.Context;
  private readonly harness: ivm.Reference<unknown>;

  constructor(
    private readonly isolate: ivm.Isolate,
    private readonly prepared: PreparedContext,
    private readonly limits: Limits,
    /** Heap in use (MB) when the submission started: its growth decides whether the isolate is kept. */
    readonly heapAtOpenMb: number,
  ) {
    this.context = prepared.context;
    this.harness = prepared.harness;
  }

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

  /**
   * Calls one export with arguments copied in by structured clone; the result comes back as data.
   * `timeoutMs` defaults to the call limit (the runner passes less when the submission's budget is low).
   */
  async call(name: string, args: unknown[], timeoutMs = this.limits.callMs): Promise<CallOutcome> {
    const argsCopy = new ivm.ExternalCopy(args).copyInto({ release: true });
    const raw = await this.invoke(["call", name, argsCopy], timeoutMs);
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
    const cpuAtStart = this.isolate.cpuTime;
    try {
      const call = this.harness.apply(undefined, args, { timeout: ms, result: { copy: true, promise: true } });
      const value = await Promise.race([call, wall]);
      if (value === WALL) {
        call.catch(() => undefined);
        this.tainted = true;
        // On a loaded machine the timer can beat isolated-vm's own timeout: an isolate that was busy
        // for much of the call was running code (a loop), not waiting on a promise that never settles.
        const busyMs = Number(this.isolate.cpuTime - cpuAtStart) / 1e6;
        return { limit: busyMs >= ms / 4 ? "cpu" : "wall" };
      }
      return { value };
    } catch (e) {
      const limit = classifyIvmError(e, this.isolate);
      if (limit === null) throw e;
      // Any limit leaves the context in an unknown state (a loop stopped half-way through filling a
      // global): later tests reload the module in a fresh context rather than inherit it.
      this.tainted = true;
      return { limit };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * True if the intrinsics whose changes switch off V8 fast paths isolate-wide are as they were
   * before the submission ran (see harness-source.ts). Runs trusted harness code only.
   */
  audit(): boolean {
    if (this.tainted || this.isolate.isDisposed) return false;
    try {
      return this.harness.applySync(undefined, ["audit"], { timeout: 100 }) === true;
    } catch {
      return false;
    }
  }

  release(): void {
    this.prepared.route.sink = NO_SINK;
    if (this.isolate.isDisposed) return;
    this.harness.release();
    this.context.release();
  }
}
