/**
 * Hands out tfjs isolates. An isolate runs one submission at a time, each in a fresh context, and
 * is retired after `submissionsPerIsolate` submissions, after any limit hit, when the submission
 * changed intrinsics that V8 guards isolate-wide, or when its heap grew. Between submissions (off
 * the critical path) the next isolate is made and up to `spareContexts` contexts, harness installed,
 * are prepared, one per turn of the event loop.
 */
import type { Session } from "./sandbox";
import { SandboxIsolate } from "./sandbox";

/** Default submissions per isolate (a fresh context each); `GRADER_ISOLATE_REUSE=1` = fresh isolates. */
export const DEFAULT_SUBMISSIONS_PER_ISOLATE = 20;
/**
 * An isolate whose heap (garbage included) grew more than this during one submission is retired, and
 * one that grew more than this or a quarter of its memory limit (whichever is larger) since creation.
 */
export const HEAP_GROWTH_LIMIT_MB = 32;
/** Contexts prepared ahead per idle isolate (a burst of submissions finds them ready). */
export const DEFAULT_SPARE_CONTEXTS = 3;

export interface ProviderOptions {
  useSnapshot: boolean;
  /**
   * Submissions one isolate may serve (a fresh context each) before it is replaced; 1 = a fresh isolate
   * per submission. An isolate that hit any limit is never reused.
   */
  submissionsPerIsolate: number;
  /** Contexts kept prepared in the idle isolate (default DEFAULT_SPARE_CONTEXTS; never more than it has uses left). */
  spareContexts?: number;
}

export type Retirement = "uses" | "limit" | "audit" | "heap" | "memory-size";

interface Returned {
  sandbox: SandboxIsolate;
  clean: boolean;
  session: Session | null;
}

export class SandboxProvider {
  private idle: SandboxIsolate | null = null;
  private returned: Returned | null = null;
  private uses = new WeakMap<SandboxIsolate, number>();
  private scheduled: NodeJS.Immediate | null = null;
  /** Isolates handed out and not yet given back. */
  private out = 0;
  private memoryMb = 256;
  /** Counters for tests and the benchmark. */
  readonly stats = {
    created: 0,
    retired: { uses: 0, limit: 0, audit: 0, heap: 0, "memory-size": 0 } as Record<Retirement, number>,
    /** Contexts prepared before their submission arrived, and in line (on its critical path). */
    contexts: { ahead: 0, inLine: 0 },
  };

  constructor(readonly options: ProviderOptions) {}

  /** An isolate with the given heap limit: the idle one if it fits, else a new one. */
  take(memoryMb: number): SandboxIsolate {
    this.settle();
    this.out++;
    const w = this.idle;
    this.idle = null;
    const sandbox = w && !w.disposed && w.options.memoryMb === memoryMb ? w : this.create(memoryMb);
    if (w && sandbox !== w) this.retire(w, "memory-size");
    return sandbox;
  }

  /** Spares worth preparing in an isolate: no more than the submissions it has left. */
  private sparesFor(sandbox: SandboxIsolate): number {
    const left = this.options.submissionsPerIsolate - (this.uses.get(sandbox) ?? 0);
    return Math.max(0, Math.min(this.options.spareContexts ?? DEFAULT_SPARE_CONTEXTS, left));
  }

  /**
   * Returns an isolate after a submission, with the submission's session (not yet released). The
   * checks and the release run on the next turn of the event loop, or at the next `take`.
   */
  giveBack(sandbox: SandboxIsolate, clean: boolean, session: Session | null = null): void {
    this.settle();
    this.out = Math.max(0, this.out - 1);
    this.returned = { sandbox, clean, session };
    this.scheduleWarm(sandbox.options.memoryMb);
  }

  /** Prepares an isolate and a context off the critical path (next turn of the event loop). */
  scheduleWarm(memoryMb: number): void {
    this.memoryMb = memoryMb;
    if (this.scheduled !== null) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      this.settle();
      // While a submission runs (this can fire between its calls), its isolate comes back next.
      if (this.idle === null && this.out === 0) this.idle = this.create(this.memoryMb);
      if (this.idle !== null) this.idle.keepSpares(this.sparesFor(this.idle));
    });
  }

  /**
   * Does now what an idle grader does between submissions (settle the last one, make the next isolate,
   * prepare its spare contexts) and resolves when it is done: for tests and the benchmark.
   */
  async warm(memoryMb = this.memoryMb): Promise<void> {
    this.settle();
    if (this.idle === null && this.out === 0) this.idle = this.create(memoryMb);
    if (this.idle === null) return;
    this.idle.keepSpares(this.sparesFor(this.idle));
    await this.idle.sparesSettled();
  }

  /** Decides the fate of the last returned isolate: kept idle for the next submission, or retired. */
  private settle(): void {
    const r = this.returned;
    this.returned = null;
    if (r === null) return;
    const { sandbox, session } = r;
    // An isolate given back before a session opened (the file did not compile) was not used.
    const uses = (this.uses.get(sandbox) ?? 0) + (session === null ? 0 : 1);
    this.uses.set(sandbox, uses);
    let reason: Retirement | null = null;
    if (!r.clean || session?.tainted === true || sandbox.disposed) reason = "limit";
    else if (uses >= this.options.submissionsPerIsolate) reason = "uses";
    else if (session !== null && !session.audit()) reason = "audit";
    session?.release();
    if (reason === null) {
      // Garbage counts too: collecting it would be charged to the next submission.
      const used = sandbox.heapUsedMb();
      const grewInSubmission = session !== null && used - session.heapAtOpenMb > HEAP_GROWTH_LIMIT_MB;
      if (grewInSubmission || sandbox.heapGrowthMb() > Math.max(HEAP_GROWTH_LIMIT_MB, sandbox.options.memoryMb / 4)) reason = "heap";
    }
    if (reason === null && this.idle === null) {
      this.idle = sandbox;
      sandbox.keepSpares(this.sparesFor(sandbox));
      return;
    }
    this.retire(sandbox, reason ?? "uses");
  }

  private create(memoryMb: number): SandboxIsolate {
    this.stats.created++;
    const contexts = this.stats.contexts;
    return new SandboxIsolate({ useSnapshot: this.options.useSnapshot, memoryMb, onContext: (inLine) => void (inLine ? contexts.inLine++ : contexts.ahead++) });
  }

  private retire(sandbox: SandboxIsolate, reason: Retirement): void {
    this.stats.retired[reason]++;
    sandbox.dispose();
  }

  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.returned?.session?.release();
    this.returned?.sandbox.dispose();
    this.returned = null;
    this.idle?.dispose();
    this.idle = null;
  }
}
