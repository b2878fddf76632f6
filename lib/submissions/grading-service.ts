import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { submissions } from "../db/schema";
import { findLoadedExercise } from "../exercises/registry";
import type { GradeResult } from "../grading/result";
import { annotateTests } from "./annotate";
import { claimSubmission, recordGradeOutcome } from "./lifecycle";

/** What grades code: the process pool in the app or a worker, a fake in tests. */
export interface CodeGrader {
  grade(exerciseId: string, source: string, limits?: undefined, examplesOnly?: boolean): Promise<GradeResult>;
}

export interface GradingServiceOptions {
  db: Db;
  grader: CodeGrader;
  /** Submissions graded at once (the pool queues the rest anyway). */
  concurrency?: number;
  log?: (line: string, error?: unknown) => void;
}

/**
 * Grades queued code submissions in this process: claim the row, grade through the pool, record the
 * outcome idempotently. A failure of the service itself ends the submission in `error`, never silently.
 */
export class GradingService {
  private readonly pending: string[] = [];
  private readonly queued = new Set<string>();
  private active = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: GradingServiceOptions) {}

  /** Grades a submission soon; enqueuing the same id twice grades it once. */
  enqueue(submissionId: string): void {
    if (this.queued.has(submissionId)) return;
    this.queued.add(submissionId);
    this.pending.push(submissionId);
    this.pump();
  }

  /** Re-enqueues submissions a previous process left queued or running (crash recovery). */
  async recover(): Promise<number> {
    const rows = await this.options.db
      .select({ id: submissions.id })
      .from(submissions)
      .where(inArray(submissions.status, ["queued", "running"]))
      .orderBy(submissions.createdAt);
    for (const row of rows) this.enqueue(row.id);
    return rows.length;
  }

  /** Resolves when nothing is queued or being graded. */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 2;
    while (this.active < limit && this.pending.length > 0) {
      const id = this.pending.shift()!;
      this.active++;
      void this.process(id).finally(() => {
        this.active--;
        this.queued.delete(id);
        this.pump();
        if (this.active === 0 && this.pending.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }

  private async process(id: string): Promise<void> {
    const { db } = this.options;
    const attempt = await claimSubmission(db, id).catch((error: unknown) => this.fail(`claiming ${id}`, error));
    if (attempt === null || attempt === undefined) return;
    try {
      const [row] = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1);
      if (!row) return;
      const loaded = await findLoadedExercise(row.exerciseId);
      if (!loaded || loaded.pkg.kind === "quiz" || row.code === null) {
        await recordGradeOutcome(db, id, attempt, { status: "error", score: 0, tests: [], message: "This exercise cannot be graded right now." });
        return;
      }
      const result = await this.options.grader.grade(row.exerciseId, row.code, undefined, row.mode === "run");
      await recordGradeOutcome(db, id, attempt, annotateTests(loaded.pkg, result, row.mode));
    } catch (error) {
      this.fail(`grading submission ${id}`, error);
      await recordGradeOutcome(db, id, attempt, {
        status: "error",
        score: 0,
        tests: [],
        message: "The grader failed on our side; your code was not at fault. Please submit again.",
      }).catch((recordError: unknown) => this.fail(`recording the failure of ${id}`, recordError));
    }
  }

  private fail(what: string, error: unknown): undefined {
    (this.options.log ?? ((line, e) => console.error(line, e)))(`Tensorgrade: error while ${what}`, error);
    return undefined;
  }
}
