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
  /** Told of every context prepared: ahead of its submission, or in line (no spare was ready). */
  onContext?: (inLine: boolean) => void;
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
  /** Contexts prepared ahead, each for one submission. */
  private readonly spares: PreparedContext[] = [];
  /** The next preparation, on a later turn of the event loop. */
  private scheduled: NodeJS.Immediate | null = null;
  /** How many spares to keep while no session is open (see `keepSpares`). */
  private spareTarget = 0;
  /** A session is open: no preparation runs, so none lands between the submission's calls. */
  private sessionOpen = false;
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
    const harness: ivm.Reference<unknown> = context.evalClosureSync(HARNESS_SOURCE, [consoleCallback(route)], HARNESS_OPTIONS);
    return { context, harness, route };
  }

  /** Prepares the next submission's context ahead of time, synchronously (off the critical path). */
  prepareSpare(): void {
    if (this.spares.length > 0 || this.isolate.isDisposed) return;
    this.spares.push(this.prepare());
    this.options.onContext?.(false);
  }

  /**
   * Keeps up to `count` spare contexts, prepared one per turn of the event loop while no session is
   * open: a submission that arrives meanwhile waits for one preparation at most. (Preparing them on
   * the isolate's own thread with the async API was measured slower here: two more thread hand-offs
   * per submission cost more than the overlap saved on a busy 2-core machine.)
   */
  keepSpares(count: number): void {
    this.spareTarget = count;
    this.prepareNext();
  }

  private prepareNext(): void {
    if (this.scheduled !== null || !this.wantsSpare()) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      if (this.wantsSpare()) {
        this.spares.push(this.prepare());
        this.options.onContext?.(false);
      }
      this.prepareNext();
    });
  }

  private wantsSpare(): boolean {
    return !this.sessionOpen && !this.isolate.isDisposed && this.spares.length < this.spareTarget;
  }

  /** Resolves when no preparation is pending (the spares wanted are ready, or a session stopped them). */
  async sparesSettled(): Promise<void> {
    while (this.scheduled !== null) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Opens a fresh context (own globals, own tf) with the harness installed and the PRNG seeded. */
  openSession(seed: number, limits: Limits, sink: ConsoleSink): Session {
    let prepared = this.spares.shift();
    if (prepared === undefined) {
      prepared = this.prepare();
      this.options.onContext?.(true);
    }
    prepared.route.sink = sink;
    const harnessLimits = new ivm.ExternalCopy({
      resultItems: limits.resultItems,
      resultDepth: limits.resultDepth,
      consoleBytes: limits.consoleBytes,
    }).copyInto({ release: true });
    prepared.harness.applySync(undefined, ["start", seed, harnessLimits], { timeout: 1000 });
    this.sessionOpen = true;
    return new Session(this.isolate, prepared, limits, this.heapUsedMb(), () => {
      this.sessionOpen = false;
    });
  }

  dispose(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.spares.length = 0;
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

const HARNESS_OPTIONS = { result: { reference: true }, filename: "grader:harness.js" } as const;

/** The context's console: writes to whichever submission holds the context (`route`). */
function consoleCallback(route: { sink: ConsoleSink }): ivm.Callback {
  return new ivm.Callback((level: unknown, text: unknown) => (typeof level === "string" && typeof text === "string" ? route.sink(level, text) : false));
}

/** One submission's context: load the module once, then call exports test by test. */
export class Session {
  tainted = false;
  private spentCpuMs = 0;

  private readonly context: ivm.Context;
  private readonly harness: ivm.Reference<unknown>;

  constructor(
    private readonly isolate: ivm.Isolate,
    private readonly prepared: PreparedContext,
    private readonly limits: Limits,
    /** Heap in use (MB) when the submission started: its growth decides whether the isolate is kept. */
    readonly heapAtOpenMb: number,
    private readonly onRelease: () => void = () => undefined,
  ) {
    this.context = prepared.context;
    this.harness = prepared.harness;
  }

  /**
   * The isolate's `cpuTime` spent by this session's load and calls so far (ms). The budget charges a
   * call this, not the host's wall time around it (decode, event-loop delay), which a busy machine
   * stretches. (isolated-vm's prebuilt Linux binary clocks it with a steady clock while the isolate
   * runs on its thread, the clock of its `timeout` too: time waiting for the thread is not counted.)
   */
  get cpuMs(): number {
    return this.spentCpuMs;
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
      // isolated-vm's timeout covers the call and its microtasks; this catches a promise that never
      // settles. Generous: it starts before the call waits for the isolate's thread, and on a busy
      // machine that wait alone must not cut an honest call.
      timer = setTimeout(() => resolve(WALL), 2 * ms + 50);
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
      if (!this.isolate.isDisposed) this.spentCpuMs += Number(this.isolate.cpuTime - cpuAtStart) / 1e6;
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
    this.onRelease();
    if (this.isolate.isDisposed) return;
    this.harness.release();
    this.context.release();
  }
}
