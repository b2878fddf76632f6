/** One supervised grader process: spawn, send a job, watch its deadline, classify how it died. */
import { fork, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EngineResult, EngineTestResult } from "../result";
import { createArtefactFolder, removeArtefactFolder, writeArtefactModule } from "./artefact-folder";
import { canIsolateNetwork, scrubbedEnv } from "./privileges";
import { ChildMessageSchema, type ChildConfig, type Job, type TaskJob } from "./protocol";

export interface ChildExit {
  /** A final verdict when a limit explains the death; null for an infrastructure failure. */
  verdict: "timeout" | "memory_limit" | null;
  description: string;
}

export type RunOutcome =
  | { k: "done"; result: EngineResult }
  | { k: "failed"; error: string }
  | { k: "task-done"; output: unknown }
  | { k: "task-failed"; error: string }
  | { k: "exit"; exit: ChildExit; tests: Map<number, EngineTestResult>; testNames: string[] };

interface Current {
  jobId: number;
  tests: Map<number, EngineTestResult>;
  testNames: string[];
  timer: NodeJS.Timeout;
  resolve: (o: RunOutcome) => void;
}

const CHILD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "child.ts");
const EXEC_ARGV = ["--no-node-snapshot", "--import", "tsx"];
const OOM = /out of memory|allocation failed|heap limit|OOM/i;

export class GraderChild {
  readonly ready: Promise<void>;
  private readonly proc: ChildProcess;
  private current: Current | null = null;
  private stderrTail = "";
  private killedForDeadline = false;
  private started = false;
  dead = false;

  /** The child's artefact modules: written by this (the supervisor's) process only, read by the child. */
  private readonly artefactFolder: string;

  constructor(config: Omit<ChildConfig, "artefactFolder">, opts: { cwd: string; isolateNetwork: boolean }, private readonly onChange: () => void) {
    this.artefactFolder = createArtefactFolder();
    const configArg = JSON.stringify({ ...config, artefactFolder: this.artefactFolder } satisfies ChildConfig);
    const common = { cwd: opts.cwd, env: scrubbedEnv() };
    this.proc =
      opts.isolateNetwork && canIsolateNetwork()
        ? spawn("unshare", ["--net", "--", process.execPath, ...EXEC_ARGV, CHILD_SCRIPT, configArg], { ...common, stdio: ["ignore", "ignore", "pipe", "ipc"] })
        : fork(CHILD_SCRIPT, [configArg], { ...common, execArgv: EXEC_ARGV, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    this.proc.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4096);
    });
    this.ready = new Promise((resolve, reject) => {
      this.proc.once("exit", () => reject(new Error(`grader child exited during start: ${this.stderrTail.slice(-500)}`)));
      this.proc.on("message", (raw: unknown) => {
        const msg = ChildMessageSchema.safeParse(raw);
        if (msg.success && msg.data.type === "ready") {
          this.started = true;
          resolve();
          this.onChange();
        }
      });
    });
    this.ready.catch(() => undefined);
    this.proc.on("message", (raw: unknown) => this.onMessage(raw));
    this.proc.on("exit", (code, signal) => this.onExit(code, signal));
  }

  /** OS process id (the grader itself: `unshare` execs node without forking). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** True once the child has reported ready at least once. */
  get everReady(): boolean {
    return this.started;
  }

  /** The end of the child's stderr, for error reports. */
  get lastError(): string {
    return this.stderrTail.slice(-300);
  }

  get idle(): boolean {
    return this.started && !this.dead && this.current === null;
  }

  /**
   * Sends a job; the promise settles with the result, a grader failure, or the child's death. A grade
   * job's deadline is `startMs` until the child reports its limits; an authored task's is `startMs`.
   */
  run(job: Job | TaskJob, startMs: number, graceMs: number): Promise<RunOutcome> {
    return new Promise((resolve) => {
      // Before any state: a write that fails rejects this run and leaves the child idle.
      if (job.type === "grade") writeArtefactModule(this.artefactFolder, job.artefact);
      const timer = setTimeout(() => this.killForDeadline(), startMs);
      this.current = { jobId: job.jobId, tests: new Map(), testNames: [], timer, resolve };
      this.graceMs = graceMs;
      this.proc.send(job);
    });
  }

  private graceMs = 0;

  private killForDeadline(): void {
    this.killedForDeadline = true;
    this.proc.kill("SIGKILL");
  }

  private onMessage(raw: unknown): void {
    const parsed = ChildMessageSchema.safeParse(raw);
    const cur = this.current;
    if (!cur) return;
    if (!parsed.success) {
      // A message the supervisor cannot read is a grader bug, not the student's: fail the job now
      // (it is retried once) instead of waiting for the deadline and calling it a timeout.
      this.finish({ k: "failed", error: `malformed message from the grader process: ${parsed.error.issues[0]?.message ?? "unreadable"}` });
      return;
    }
    const msg = parsed.data;
    if (msg.type === "ready" || msg.jobId !== cur.jobId) return;
    if (msg.type === "started") {
      clearTimeout(cur.timer);
      cur.testNames = msg.testNames;
      cur.timer = setTimeout(() => this.killForDeadline(), msg.submissionMs + this.graceMs);
    } else if (msg.type === "test") {
      cur.tests.set(msg.index, msg.result);
    } else if (msg.type === "done") {
      this.finish({ k: "done", result: msg.result });
    } else if (msg.type === "task-done") {
      this.finish({ k: "task-done", output: msg.output });
    } else {
      this.finish(msg.type === "task-failed" ? { k: "task-failed", error: msg.error } : { k: "failed", error: msg.error });
    }
  }

  private finish(outcome: RunOutcome): void {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    this.current = null;
    cur.resolve(outcome);
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    removeArtefactFolder(this.artefactFolder);
    const cur = this.current;
    if (cur) {
      let verdict: ChildExit["verdict"] = null;
      if (this.killedForDeadline) verdict = "timeout";
      else if (OOM.test(this.stderrTail) || signal === "SIGKILL") verdict = "memory_limit";
      const description = `grader process exited (code ${code}, signal ${signal}) ${this.stderrTail.slice(-300)}`.trim();
      this.finish({ k: "exit", exit: { verdict, description }, tests: cur.tests, testNames: cur.testNames });
    }
    this.onChange();
  }

  /** Stops the child (SIGKILL) and waits for it to exit. */
  kill(): Promise<void> {
    if (this.dead) return Promise.resolve();
    return new Promise((resolve) => {
      this.proc.once("exit", () => resolve());
      this.proc.kill("SIGKILL");
    });
  }
}
