import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { exerciseVersions, submissions } from "../db/schema";
import { artefactOfVersionRow } from "../exercises/artefacts";
import type { GradingArtefact } from "../grading/artefact";
import type { EngineResult } from "../grading/result";
import { getLogger, submissionLogger, type Logger } from "../logging/logger";
import { annotateTests } from "./annotate";
import { claimSubmission, recordGradeOutcome, releaseSubmission, type RecordOptions } from "./lifecycle";

/** What grades code: the process pool in the app or a worker, a fake in tests. */
export interface CodeGrader {
  /** Grades against exactly this exercise version's artefact. */
  grade(exercise: GradingArtefact, source: string, limits?: undefined, examplesOnly?: boolean): Promise<EngineResult>;
}

export interface GradingDeps {
  db: Db;
  grader: CodeGrader;
  log?: Logger;
  /** True once the process is shutting down: an interrupted grading is then returned, never failed. */
  stopping?: () => boolean;
}

export interface Delivery {
  /** The queue will not deliver this job again: an infrastructure failure now ends in `error`. */
  final: boolean;
  /** Runs in the transaction that writes the score (the queue completes the job there). */
  complete?: RecordOptions["inTransaction"];
}

export type DeliveryResult =
  /** This delivery wrote the final state. */
  | { kind: "recorded"; status: string }
  /** Nothing to do: the submission was already final (a duplicate or late delivery). */
  | { kind: "already_final" }
  /** Another delivery claimed the submission since, and only the latest attempt may write. */
  | { kind: "superseded" }
  /** Infrastructure failure: the submission is queued again and the job must be retried. */
  | { kind: "retry"; reason: string };

export const GRADER_FAILED_MESSAGE = "The grader failed on our side several times; your code was not at fault. Please submit again.";

/**
 * One delivery of a grading job: claim the submission (a new attempt), grade it through the pool and
 * write the outcome with the job's completion in one transaction. Any verdict is final, limits
 * included (a submission that times out would time out again). An infrastructure failure puts the
 * submission back in `queued` for the next delivery, or ends it in `error` on the last one.
 */
export async function gradeSubmission(deps: GradingDeps, submissionId: string, delivery: Delivery): Promise<DeliveryResult> {
  const { db } = deps;
  const log = deps.log ?? submissionLogger(submissionId);
  const attempt = await claimSubmission(db, submissionId);
  if (attempt === null) {
    log.info("already final; nothing to grade");
    return { kind: "already_final" };
  }
  log.info({ attempt }, "grading");

  let failure: string;
  try {
    // The submission with the version it recorded, from the database (one query): never this process's own exercises/.
    const [found] = await db
      .select({ submission: submissions, package: exerciseVersions.package, artefact: exerciseVersions.artefact })
      .from(submissions)
      .leftJoin(exerciseVersions, and(eq(exerciseVersions.exerciseId, submissions.exerciseId), eq(exerciseVersions.contentHash, submissions.exerciseVersion)))
      .where(eq(submissions.id, submissionId))
      .limit(1);
    const row = found?.submission;
    const artefact = found && row && row.code !== null ? artefactOfVersionRow(row.exerciseId, row.exerciseVersion, found) : null;
    if (!row || row.code === null) {
      failure = `exercise ${row?.exerciseId ?? "?"} cannot be graded by this process`;
    } else if (!artefact) {
      failure = `exercise ${row.exerciseId} version ${row.exerciseVersion} is not in the database (no artefact to grade it with)`;
    } else {
      const started = performance.now();
      const startedAt = new Date();
      const result = await deps.grader.grade(artefact.grading, row.code, undefined, row.mode === "run");
      if (result.status !== "error") {
        const written = await recordGradeOutcome(db, submissionId, attempt, annotateTests({ exercise: artefact.outline }, result, row.mode), {
          inTransaction: delivery.complete,
          startedAt,
        });
        log.info({ attempt, verdict: result.status, score: result.score, ms: Math.round(performance.now() - started), written }, "graded");
        return written ? { kind: "recorded", status: result.status } : { kind: "superseded" };
      }
      failure = result.message ?? "the grader reported an error";
    }
  } catch (error) {
    log.error({ err: error, attempt }, "grading failed");
    failure = error instanceof Error ? error.message : String(error);
  }

  if (delivery.final && !deps.stopping?.()) {
    const written = await recordGradeOutcome(
      db,
      submissionId,
      attempt,
      { status: "error", score: 0, tests: [], message: GRADER_FAILED_MESSAGE },
      { inTransaction: delivery.complete },
    );
    log.error({ attempt, reason: failure, written }, "grading failed on the last delivery; submission ends in error");
    return written ? { kind: "recorded", status: "error" } : { kind: "superseded" };
  }
  await releaseSubmission(db, submissionId, attempt);
  log.warn({ attempt, reason: failure }, "grading failed for an infrastructure reason; it will be retried");
  return { kind: "retry", reason: failure };
}

/**
 * Ends a submission that the queue gave up on (every delivery failed, e.g. its workers kept dying)
 * in `error` with a message, unless it is already final.
 */
export async function failAbandonedSubmission(deps: Pick<GradingDeps, "db" | "log">, submissionId: string, complete?: Delivery["complete"]): Promise<boolean> {
  const log = deps.log ?? getLogger().child({ submissionId });
  const attempt = await claimSubmission(deps.db, submissionId);
  if (attempt === null) return false;
  const written = await recordGradeOutcome(deps.db, submissionId, attempt, { status: "error", score: 0, tests: [], message: GRADER_FAILED_MESSAGE }, { inTransaction: complete });
  log.error({ attempt, written }, "every delivery of this submission failed; it ends in error");
  return written;
}
