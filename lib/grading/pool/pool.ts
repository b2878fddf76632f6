/**
 * The pool supervisor: forks grader children, hands them one job at a time, and enforces a wall-clock
 * deadline per submission with SIGKILL. It never runs student code itself, so nothing a submission
 * does (hang, OOM, native crash) can stop it from grading the next one.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GradingArtefactSchema, type GradingArtefact } from "../artefact";
import { LimitOverridesSchema, type LimitOverrides } from "../limits";
import { notRunTest, scoreOf, type EngineResult, type GradeStatus, type EngineTestResult } from "../result";
import { AuthoredTaskSchema, parseTaskOutput, type AuthoredTask, type AuthoredTaskOutput } from "../authored/tasks";
import { GraderChild, type ChildExit } from "./grader-child";
import type { ChildConfig } from "./protocol";
import { DEFAULT_SUBMISSIONS_PER_ISOLATE } from "../sandbox/provider";

export interface PoolOptions {
  size?: number;
  useSnapshot?: boolean;
  submissionsPerIsolate?: number;
  /**
   * Where `grade(exerciseId, …)` finds the artefact to grade against (`npm run grade`, tests and the
   * bench build it from files on disk: lib/exercises/artefacts.ts). A worker passes artefacts itself.
   */
  artefactOf?: (exerciseId: string) => Promise<GradingArtefact>;
  /** Extra time past the submission limit before the supervisor kills a child. */
  graceMs?: number;
  /** Deadline until the child reports the exercise's own limits (covers loading the exercise). */
  startMs?: number;
  isolateNetwork?: boolean;
  dropPrivileges?: boolean;
  /** Deadline of one authored task (runAuthoredTask): the supervisor SIGKILLs a child that overruns it. */
  taskMs?: number;
}

interface QueuedJob {
  kind?: undefined;
  artefact: GradingArtefact;
  source: string;
  limits?: LimitOverrides;
  examplesOnly: boolean;
  attempt: number;
  started: number;
  resolve: (r: EngineResult) => void;
}

interface QueuedTask {
  kind: "task";
  task: AuthoredTask;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

function positiveInt(v: string | undefined): number | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export class GraderPool {
  private readonly children: GraderChild[] = [];
  private readonly queue: Array<QueuedJob | QueuedTask> = [];
  private readonly config: Omit<ChildConfig, "artefactFolder">;
  private closed = false;
  /** Children that died before becoming ready, in a row: a broken setup must not respawn forever. */
  private startFailures = 0;
  private nextJobId = 1;

  constructor(private readonly options: PoolOptions = {}) {
    this.config = {
      useSnapshot: options.useSnapshot ?? process.env.GRADER_SNAPSHOT !== "off",
      submissionsPerIsolate: options.submissionsPerIsolate ?? positiveInt(process.env.GRADER_ISOLATE_REUSE) ?? DEFAULT_SUBMISSIONS_PER_ISOLATE,
      dropPrivileges: options.dropPrivileges ?? true,
    };
    const size = options.size ?? Math.max(1, availableParallelism());
    for (let i = 0; i < size; i++) this.children.push(this.spawn());
  }

  private spawn(): GraderChild {
    return new GraderChild(this.config, { cwd: REPO_ROOT, isolateNetwork: this.options.isolateNetwork ?? true }, () => this.pump());
  }

  /** Resolves when every child has built its snapshot and is ready for work. */
  async ready(): Promise<void> {
    await Promise.all(this.children.map((c) => c.ready));
  }

  /** Process ids of the current children (for inspection in tests and ops). */
  pids(): number[] {
    return this.children.flatMap((c) => (c.pid === undefined || c.dead ? [] : [c.pid]));
  }

  /**
   * Grades one source file (only its visible examples with `examplesOnly`) against an exercise
   * version's artefact, or against the artefact `artefactOf` gives for an exercise id. Always resolves:
   * infrastructure failures, an artefact that cannot be found or loaded included, become status "error".
   */
  async grade(exercise: GradingArtefact | string, source: string, limits?: LimitOverrides, examplesOnly = false): Promise<EngineResult> {
    if (this.closed) throw new Error("pool is closed");
    const started = performance.now();
    let artefact: GradingArtefact;
    try {
      // Checked here: a child drops a job it cannot parse, which would look like a timeout.
      artefact = GradingArtefactSchema.parse(typeof exercise === "string" ? await this.findArtefact(exercise) : exercise);
    } catch (error) {
      return this.errorResult({ started }, error instanceof Error ? error.message : String(error));
    }
    return new Promise((resolve) => {
      this.queue.push({ artefact, source, limits, examplesOnly, attempt: 0, started, resolve });
      if (this.startFailures >= 3) this.startFailures = 0;
      this.pump();
    });
  }

  /**
   * Runs an authored task (a data package's checks.ts, for data) in a grader child under the
   * supervisor's deadline (`taskMs`, default 30 s; the child is SIGKILLed past it). Rejects with an
   * Error naming the question or export when checks.ts fails, or the deadline when it was killed.
   */
  async runAuthoredTask<T extends AuthoredTask>(task: T): Promise<AuthoredTaskOutput<T>> {
    if (this.closed) throw new Error("pool is closed");
    const parsed = AuthoredTaskSchema.parse(task);
    const output = await new Promise<unknown>((resolve, reject) => {
      this.queue.push({ kind: "task", task: parsed, resolve, reject });
      if (this.startFailures >= 3) this.startFailures = 0;
      this.pump();
    });
    return parseTaskOutput(parsed, output) as AuthoredTaskOutput<T>;
  }

  /** The artefact for an exercise id, asked twice like any infrastructure step. */
  private async findArtefact(exerciseId: string): Promise<GradingArtefact> {
    const artefactOf = this.options.artefactOf;
    if (!artefactOf) throw new Error(`exercise ${exerciseId}: this pool grades artefacts only (no artefactOf option)`);
    try {
      return await artefactOf(exerciseId);
    } catch (first) {
      try {
        return await artefactOf(exerciseId);
      } catch (second) {
        // Both failures are kept: the first in the message and as the cause.
        throw new Error(`${messageOf(second)} (the first attempt failed too: ${messageOf(first)})`, { cause: first });
      }
    }
  }

  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.children.length; i++) {
      const child = this.children[i];
      if (!child?.dead) continue;
      this.startFailures = child.everReady ? 0 : this.startFailures + 1;
      if (this.startFailures >= 3) {
        // A broken setup: fail what waits, and respawn only when new work arrives.
        for (const job of this.queue.splice(0)) this.fail(job, `grader processes fail to start: ${child.lastError}`);
        if (this.queue.length === 0) continue;
      }
      this.children[i] = this.spawn();
    }
    for (const child of this.children) {
      if (this.queue.length === 0) return;
      if (!child.idle) continue;
      const job = this.queue.shift();
      if (job?.kind === "task") this.dispatchTask(child, job);
      else if (job) this.dispatch(child, job);
    }
  }

  private dispatch(child: GraderChild, job: QueuedJob): void {
    const limits = LimitOverridesSchema.parse(job.limits ?? {});
    const graceMs = this.options.graceMs ?? 3_000;
    child
      .run({ type: "grade", jobId: this.nextJobId++, artefact: job.artefact, source: job.source, limits, examplesOnly: job.examplesOnly }, this.options.startMs ?? 30_000, graceMs)
      .then((outcome) => {
        if (outcome.k === "done") return job.resolve(outcome.result);
        if (outcome.k === "exit" && outcome.exit.verdict !== null) return job.resolve(this.limitResult(job, outcome.exit, outcome.tests, outcome.testNames));
        if (job.attempt === 0) {
          this.queue.unshift({ ...job, attempt: 1 });
          return;
        }
        job.resolve(this.errorResult(job, outcome.k === "exit" ? outcome.exit.description : "error" in outcome ? outcome.error : "the grader answered a grade job with a task's output"));
      })
      .catch((error: unknown) => job.resolve(this.errorResult(job, error instanceof Error ? error.message : String(error))))
      .finally(() => this.pump());
  }

  private dispatchTask(child: GraderChild, job: QueuedTask): void {
    const taskMs = this.options.taskMs ?? 30_000;
    child
      .run({ type: "task", jobId: this.nextJobId++, task: job.task }, taskMs, 0)
      .then((outcome) => {
        if (outcome.k === "task-done") return job.resolve(outcome.output);
        if (outcome.k === "task-failed" || outcome.k === "failed") return job.reject(new Error(outcome.error));
        if (outcome.k === "exit" && outcome.exit.verdict === "timeout") {
          return job.reject(new Error(`the authored task ran past its ${taskMs / 1000} s limit (the grading process was stopped)`));
        }
        job.reject(new Error(outcome.k === "exit" ? `the authored task stopped its grading process: ${outcome.exit.description}` : "the grader answered a task with a grading result"));
      })
      .catch((error: unknown) => job.reject(error instanceof Error ? error : new Error(String(error))))
      .finally(() => this.pump());
  }

  /** Ends a queued job or task with an infrastructure failure. */
  private fail(job: QueuedJob | QueuedTask, error: string): void {
    if (job.kind === "task") job.reject(new Error(error));
    else job.resolve(this.errorResult(job, error));
  }

  private limitResult(job: QueuedJob, exit: ChildExit, tests: Map<number, EngineTestResult>, names: string[]): EngineResult {
    const status: GradeStatus = exit.verdict ?? "error";
    const why = status === "timeout" ? "the submission's time limit ran out" : "the grader ran out of memory";
    const all = names.map((name, i) => tests.get(i) ?? notRunTest(name, why));
    return { status, score: scoreOf(all), tests: all, durationMs: Math.round(performance.now() - job.started), console: "", message: `${why} (the grading process was stopped)` };
  }

  private errorResult(job: Pick<QueuedJob, "started">, error: string): EngineResult {
    return {
      status: "error",
      score: 0,
      tests: [],
      durationMs: Math.round(performance.now() - job.started),
      console: "",
      message: `The grader failed twice on this submission; please try again later. (${error.slice(0, 300)})`,
    };
  }

  /** Kills every child; pending jobs resolve as errors. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.fail(job, "pool closed");
    await Promise.all(this.children.map((c) => c.kill()));
  }
}
