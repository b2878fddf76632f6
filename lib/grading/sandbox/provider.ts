/** Hands out tfjs isolates, keeping one warm so a submission does not wait for an isolate start. */
import { SandboxIsolate } from "./sandbox";

export interface ProviderOptions {
  useSnapshot: boolean;
  /**
   * Submissions one isolate may serve (a fresh context each) before it is replaced; 1 = a fresh isolate
   * per submission. An isolate that hit any limit is never reused.
   */
  submissionsPerIsolate: number;
}

export class SandboxProvider {
  private warm: SandboxIsolate | null = null;
  private uses = new WeakMap<SandboxIsolate, number>();
  private warming: NodeJS.Immediate | null = null;

  constructor(readonly options: ProviderOptions) {}

  /** An isolate with the given heap limit: the warm one if it fits, else a new one. */
  take(memoryMb: number): SandboxIsolate {
    const w = this.warm;
    this.warm = null;
    if (w && !w.disposed && w.options.memoryMb === memoryMb) return w;
    w?.dispose();
    return new SandboxIsolate({ useSnapshot: this.options.useSnapshot, memoryMb });
  }

  /** Returns an isolate after a submission; it is reused only if clean and under its use count. */
  giveBack(sandbox: SandboxIsolate, clean: boolean): void {
    const used = (this.uses.get(sandbox) ?? 0) + 1;
    this.uses.set(sandbox, used);
    if (clean && !sandbox.disposed && used < this.options.submissionsPerIsolate && this.warm === null) {
      this.warm = sandbox;
      return;
    }
    sandbox.dispose();
    this.scheduleWarm(sandbox.options.memoryMb);
  }

  /** Prepares a warm isolate off the critical path (next turn of the event loop). */
  scheduleWarm(memoryMb: number): void {
    if (this.warm !== null || this.warming !== null) return;
    this.warming = setImmediate(() => {
      this.warming = null;
      if (this.warm === null) this.warm = new SandboxIsolate({ useSnapshot: this.options.useSnapshot, memoryMb });
    });
  }

  dispose(): void {
    if (this.warming) clearImmediate(this.warming);
    this.warm?.dispose();
    this.warm = null;
  }
}
