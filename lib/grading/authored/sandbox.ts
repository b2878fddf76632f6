/**
 * AuthoredSandbox: runs the exports of a data package's checks.ts in an isolate of its own, made from
 * the tfjs snapshot, one fresh isolate per sandbox (a sandbox serves one grading or one task, so no
 * data from one reaches the next). Calls are synchronous (`applySync` with a timeout), so the time
 * limit covers the call, its microtasks and the copy of its answer; memory is the isolate's limit.
 * Data in by structured clone, data out as one JSON string: no host function or Reference ever enters.
 */
import ivm from "isolated-vm";
import { compileStudentSource } from "../compile";
import { seconds } from "../evaluate";
import { getTfSnapshot } from "../sandbox/snapshot";
import type { PositionMap } from "../source-map";
import { readEnvelope, type AuthoredThrown } from "./envelope";
import { AUTHORED_FILE, WRAPPER_SOURCE } from "./wrapper-source";

/** What an export is called as, for messages: "check `close3`", "generator `more`". */
export type AuthoredRole = "check" | "generator" | "params" | "answer" | "function";

export type AuthoredResult = { ok: true; value: unknown } | { ok: false; error: string };

export interface AuthoredLimits {
  memoryMb: number;
  /** Time one call may run. */
  callMs: number;
  /** Time checks.ts' top level may run. */
  loadMs: number;
}

export const AUTHORED_LIMITS: AuthoredLimits = { memoryMb: 128, callMs: 1_000, loadMs: 2_000 };
/** Limit hits after which a sandbox stops restarting: hostile code must not cost a fresh isolate per test. */
export const MAX_LIMIT_HITS = 3;

export interface AuthoredSandboxOptions {
  limits?: Partial<AuthoredLimits>;
  /** Seed of Math.random inside the isolate (the exercise seed). */
  seed?: number;
}

export interface CallOptions {
  role?: AuthoredRole;
  /** Call as fn(rng) with the quiz rng seeded with this (instead of `args`). */
  rngSeed?: number;
}

interface Live {
  isolate: ivm.Isolate;
  context: ivm.Context;
  wrapper: ivm.Reference<unknown>;
  names: ReadonlySet<string>;
}

type Limit = "time" | "memory";

export class AuthoredSandbox {
  readonly limits: AuthoredLimits;
  private live: Live | null = null;
  /** A load failure that retrying cannot fix (compile error, a throw at the top level). */
  private broken: string | null = null;
  private limitHits = 0;
  private positions: PositionMap | null = null;
  private readonly seed: number;

  constructor(
    /** The text of checks.ts, or undefined when the package has none. */
    private readonly source: string | undefined,
    options: AuthoredSandboxOptions = {},
  ) {
    this.limits = { ...AUTHORED_LIMITS, ...options.limits };
    this.seed = options.seed ?? 0;
  }

  /** Calls one export with plain-data arguments; never throws for anything the authored code does. */
  call(exportName: string, args: unknown[], options: CallOptions = {}): AuthoredResult {
    const who = `${options.role ?? "function"} \`${exportName}\``;
    if (this.source === undefined) return { ok: false, error: `${who} is not an export of checks.ts (the package has no checks.ts)` };
    if (this.limitHits >= MAX_LIMIT_HITS) return { ok: false, error: `${who} was not run: code in checks.ts hit its limits ${MAX_LIMIT_HITS} times` };
    const live = this.open();
    if (live === null) return { ok: false, error: `${who} could not run: ${this.broken ?? "checks.ts could not be loaded"}` };
    if (!live.names.has(exportName)) return { ok: false, error: `${who} is not an export of checks.ts` };
    let raw: unknown;
    const started = performance.now();
    try {
      const argsIn = new ivm.ExternalCopy(args).copyInto({ release: true });
      raw = live.wrapper.applySync(undefined, ["call", exportName, argsIn, options.rngSeed ?? -1], { timeout: this.limits.callMs });
    } catch (error) {
      const limit = classify(error, live.isolate, performance.now() - started, this.limits.callMs);
      if (limit === null) return { ok: false, error: `${who} could not run: ${messageOf(error)}` };
      this.limitHits++;
      // The context is in an unknown state (a loop stopped half-way): the next call starts afresh.
      this.dispose();
      return { ok: false, error: `${who} ${this.ranPast(limit, this.limits.callMs)}` };
    }
    const answer = readEnvelope(raw);
    if (answer.k === "ret") return { ok: true, value: answer.v };
    if (answer.k === "throw") return { ok: false, error: `${who} ${this.describe(answer)}` };
    if (answer.k === "missing") return { ok: false, error: `${who} is not an export of checks.ts` };
    if (answer.k === "out" || answer.k === "bad") return { ok: false, error: `${who} ${answer.why}` };
    return { ok: false, error: `${who} answered malformed data` };
  }

  /** The names checks.ts exports as functions, or an error saying why it cannot be loaded. */
  exportNames(): { ok: true; names: string[] } | { ok: false; error: string } {
    if (this.source === undefined) return { ok: true, names: [] };
    const live = this.open();
    return live === null ? { ok: false, error: this.broken ?? "checks.ts could not be loaded" } : { ok: true, names: [...live.names] };
  }

  dispose(): void {
    const live = this.live;
    this.live = null;
    if (live && !live.isolate.isDisposed) live.isolate.dispose();
  }

  /** The loaded context, made on first use and again after a limit hit; null when checks.ts cannot load. */
  private open(): Live | null {
    if (this.live !== null && !this.live.isolate.isDisposed) return this.live;
    this.live = null;
    if (this.broken !== null || this.source === undefined) return null;
    if (this.limitHits >= MAX_LIMIT_HITS) return null;
    const compiled = compileStudentSource(this.source);
    if (!compiled.ok) {
      this.broken = `checks.ts does not compile: ${compiled.error}`;
      return null;
    }
    this.positions = compiled.positions;
    const isolate = new ivm.Isolate({ snapshot: getTfSnapshot(), memoryLimit: this.limits.memoryMb });
    let raw: unknown;
    const started = performance.now();
    try {
      const context = isolate.createContextSync();
      const wrapper: ivm.Reference<unknown> = context.evalClosureSync(WRAPPER_SOURCE, [], { result: { reference: true }, filename: "grader:authored.js" });
      wrapper.applySync(undefined, ["start", this.seed >>> 0], { timeout: 1_000 });
      let moduleFn: ivm.Reference<unknown>;
      try {
        const script = isolate.compileScriptSync(`(function (exports, require, module) {\n${compiled.js}\n})`, { filename: AUTHORED_FILE, lineOffset: -1 });
        moduleFn = script.runSync(context, { reference: true, release: true });
      } catch (error) {
        this.broken = `checks.ts does not compile: ${messageOf(error)}`;
        isolate.dispose();
        return null;
      }
      raw = wrapper.applySync(undefined, ["load", moduleFn.derefInto({ release: true })], { timeout: this.limits.loadMs });
      const answer = readEnvelope(raw);
      if (answer.k === "loaded") {
        this.live = { isolate, context, wrapper, names: new Set(answer.names) };
        return this.live;
      }
      this.broken = answer.k === "throw" ? `checks.ts ${this.describe(answer)} while loading` : "checks.ts answered malformed data while loading";
    } catch (error) {
      const limit = classify(error, isolate, performance.now() - started, this.limits.loadMs);
      // A limit at load time is final for this sandbox (kept in `broken`): the next load would most likely hit it again.
      this.broken = `checks.ts ${limit === null ? `could not be loaded: ${messageOf(error)}` : this.ranPast(limit, this.limits.loadMs)} while loading`;
    }
    if (!isolate.isDisposed) isolate.dispose();
    return null;
  }

  private ranPast(limit: Limit, ms: number): string {
    return limit === "memory" ? `ran past the ${this.limits.memoryMb} MB memory limit` : `ran past the ${seconds(ms)} time limit`;
  }

  /** "threw TypeError: x is undefined (checks.ts line 4)". */
  private describe(thrown: AuthoredThrown): string {
    if (thrown.kind === "value") return `threw a ${thrown.cls} that is not an Error`;
    const at = thrown.line > 0 ? this.positions?.original(thrown.line, thrown.col) : null;
    const where = at ? ` (checks.ts line ${at.line})` : "";
    return `threw ${thrown.cls}${thrown.msg ? `: ${thrown.msg}` : ""}${where}`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Which limit stopped a call, if any. isolated-vm also throws a promise the authored code left rejected,
 * with the authored code's own message: only a disposed isolate is a memory limit, and only a call that
 * lasted its time limit is a time limit, whatever the message says.
 */
function classify(error: unknown, isolate: ivm.Isolate, elapsedMs: number, limitMs: number): Limit | null {
  if (isolate.isDisposed) return "memory";
  return /timed out/i.test(messageOf(error)) && elapsedMs >= limitMs * 0.9 ? "time" : null;
}
