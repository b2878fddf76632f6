import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { notifySubmissionEvent } from "../events/submission-events";
import { submissions, testResults, type NewSubmission, type Submission } from "../db/schema";
import type { ScoreKey } from "../scoring/counted-score";
import { trackScoreChange } from "../scoring/score-changed";
import { codeTestRows } from "./result-rows";
import { StoredGradeSchema, type StoredGrade } from "./stored-grade";
import type { DbOrTx, Transaction } from "../db/transaction";

export { StoredGradeSchema, type StoredGrade } from "./stored-grade";

/**
 * Marks a submission `running` for a new grading attempt and returns that attempt's number, or null
 * when it is already final. Only the latest attempt may write a result (see recordGradeOutcome).
 */
export async function claimSubmission(db: Db, submissionId: string): Promise<number | null> {
  const [row] = await db
    .update(submissions)
    .set({ status: "running", claimedAt: sql`now()`, startedAt: null, gradingAttempt: sql`${submissions.gradingAttempt} + 1` })
    .where(and(eq(submissions.id, submissionId), inArray(submissions.status, ["queued", "running"])))
    .returning({ attempt: submissions.gradingAttempt });
  if (!row) return null;
  await notifySubmissionEvent(db, { id: submissionId, status: "running" });
  return row.attempt;
}

/**
 * Writes the outcome of grading attempt `attempt`, with its per-test rows, in one transaction.
 * Idempotent: a second delivery of the same job, or a stale attempt, writes nothing and returns false.
 * A grader failure (`error`) ends the submission in state `error`; every verdict ends it `graded`.
 * A Submit to an assignment reports a change of its counted score (scoreChanged) in the same transaction.
 */
export async function recordGradeOutcome(
  db: Db,
  submissionId: string,
  attempt: number,
  outcome: StoredGrade,
  options: RecordOptions = {},
): Promise<boolean> {
  const result = StoredGradeSchema.parse(outcome);
  return db.transaction(async (tx) => {
    const write = () => writeGradeOutcome(tx, submissionId, attempt, result, options.startedAt);
    const [target] = await tx.select({ userId: submissions.userId, assignmentId: submissions.assignmentId, mode: submissions.mode }).from(submissions).where(eq(submissions.id, submissionId));
    const key = target ? countedScoreKey(target) : null;
    const written = key ? await trackScoreChange(tx, key, "graded", write) : await write();
    if (!written) return false;
    await options.inTransaction?.(tx);
    await notifySubmissionEvent(tx, { id: submissionId, status: result.status === "error" ? "error" : "graded" });
    return true;
  });
}

async function writeGradeOutcome(
  tx: Transaction,
  submissionId: string,
  attempt: number,
  result: z.output<typeof StoredGradeSchema>,
  startedAt: Date | undefined,
): Promise<boolean> {
  const [updated] = await tx
    .update(submissions)
    .set({
      ...(startedAt ? { startedAt: databaseTimeOf(startedAt) } : {}),
      status: result.status === "error" ? "error" : "graded",
      verdict: result.status,
      score: result.status === "error" ? null : result.score,
      console: result.console,
      message: result.message ?? null,
      gradedAt: sql`now()`,
    })
    .where(and(eq(submissions.id, submissionId), eq(submissions.gradingAttempt, attempt), eq(submissions.status, "running")))
    .returning({ id: submissions.id });
  if (!updated) return false;
  if (result.tests.length > 0) {
    await tx
      .insert(testResults)
      .values(codeTestRows(submissionId, result.tests))
      .onConflictDoNothing();
  }
  return true;
}

/**
 * A moment of this process's clock as the database's: now() less the time elapsed here since. Every
 * timing of a submission is then on one clock (created_at and first_seen_at are the database's), even
 * when a worker's clock is off.
 */
function databaseTimeOf(moment: Date): SQL {
  return sql`now() - ${Math.max(0, Date.now() - moment.getTime())} * interval '1 millisecond'`;
}

/** Whose counted score a submission is part of: null for a Run or a preview (no assignment). */
export function countedScoreKey(row: Pick<Submission, "userId" | "assignmentId" | "mode">): ScoreKey | null {
  return row.mode === "submit" && row.assignmentId !== null ? { userId: row.userId, assignmentId: row.assignmentId } : null;
}

/**
 * Replaces the stored result of a graded attempt with a regrade's, inside the regrade's transaction
 * `tx` (which has locked `current`): new test rows, score, verdict and exercise version. Reports a
 * change of the counted score.
 */
export async function replaceGradeOutcome(
  tx: Transaction,
  current: Submission,
  result: z.output<typeof StoredGradeSchema>,
  graded: { exerciseVersion: string; startedAt: Date | null },
): Promise<void> {
  const write = async () => {
    await tx.delete(testResults).where(eq(testResults.submissionId, current.id));
    if (result.tests.length > 0) {
      await tx.insert(testResults).values(codeTestRows(current.id, result.tests));
    }
    await tx
      .update(submissions)
      .set({
        status: "graded",
        verdict: result.status,
        score: result.score,
        message: result.message ?? null,
        console: result.console,
        exerciseVersion: graded.exerciseVersion,
        startedAt: graded.startedAt ?? current.startedAt,
        gradedAt: new Date(),
      })
      .where(eq(submissions.id, current.id));
    await notifySubmissionEvent(tx, { id: current.id, status: "graded" });
    return true;
  };
  const key = countedScoreKey(current);
  if (key) await trackScoreChange(tx, key, "regraded", write);
  else await write();
}

export interface RecordOptions {
  /** Runs in the transaction that writes the score, after it (the queue completes its job here). */
  inTransaction?: (tx: Transaction) => Promise<void>;
  /** When the grader began on it (recorded with the result: no write of its own on the way). */
  startedAt?: Date;
}

/**
 * Puts a submission whose grading attempt `attempt` failed for an infrastructure reason back to
 * `queued`, to wait for the queue's next delivery. A later attempt already under way is left alone.
 */
export async function releaseSubmission(db: Db, submissionId: string, attempt: number): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ status: "queued", claimedAt: null, startedAt: null })
    .where(and(eq(submissions.id, submissionId), eq(submissions.gradingAttempt, attempt), eq(submissions.status, "running")))
    .returning({ id: submissions.id });
  if (rows.length === 0) return false;
  await notifySubmissionEvent(db, { id: submissionId, status: "queued" });
  return true;
}

/** Enqueues a submission's grading job in the transaction that inserted it. */
export type EnqueueGrading = (tx: Transaction, submissionId: string) => Promise<void>;

/**
 * Inserts a code submission in state `queued` together with its grading job, in one transaction: never
 * one without the other. A second pending submission of the same user and exercise is refused by a
 * unique index (see isUniqueViolation).
 */
export async function insertQueuedSubmission(db: DbOrTx, values: Omit<NewSubmission, "status">, enqueue: EnqueueGrading): Promise<{ id: string; status: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(submissions)
      .values({ ...values, status: "queued" })
      .returning({ id: submissions.id, status: submissions.status });
    if (!row) throw new Error("Inserting a submission returned no row");
    await enqueue(tx, row.id);
    return row;
  });
}

/** One visible result of a submission graded in the request (a quiz question). */
export interface InlineTestResult {
  name: string;
  passed: boolean;
  message: string;
}

/**
 * Inserts a submission graded in the request (answers), already `graded`, with one visible test_results
 * row per item. A Submit to an assignment reports a change of its counted score in the same transaction.
 */
export async function insertGradedSubmission(
  db: Db,
  values: Omit<NewSubmission, "status" | "verdict" | "score" | "gradedAt">,
  grade: { score: number; tests: InlineTestResult[]; gradedAt: Date },
): Promise<{ id: string; status: string }> {
  return db.transaction(async (tx) => {
    const inserted: Array<{ id: string; status: string }> = [];
    const write = async () => {
      const [row] = await tx
        .insert(submissions)
        .values({ ...values, status: "graded", verdict: "graded", score: grade.score, gradedAt: grade.gradedAt })
        .returning({ id: submissions.id, status: submissions.status });
      if (!row) throw new Error("Inserting a submission returned no row");
      if (grade.tests.length > 0) {
        await tx.insert(testResults).values(grade.tests.map((test, position) => ({ submissionId: row.id, position, name: test.name, hidden: false, passed: test.passed, message: test.message })));
      }
      inserted.push(row);
      return true;
    };
    const key = countedScoreKey({ userId: values.userId, assignmentId: values.assignmentId ?? null, mode: values.mode ?? "submit" });
    if (key) await trackScoreChange(tx, key, "graded", write);
    else await write();
    const [row] = inserted;
    if (!row) throw new Error("Inserting a submission wrote no row");
    return row;
  });
}

/** Whether `error` (or any error in its cause chain) is PostgreSQL's unique violation, 23505. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Sets (or with null, removes) staff's score of a Submit, inside the caller's transaction, reporting the
 * change of the student's counted score (cause "override"). The audit row is the caller's
 * (lib/overrides/override-submission.ts). A regrade later replaces `score`, never the override.
 */
export async function writeOverrideScore(tx: Transaction, current: Submission, overrideScore: number | null): Promise<void> {
  const write = async () => {
    await tx.update(submissions).set({ overrideScore }).where(eq(submissions.id, current.id));
    return true;
  };
  const key = countedScoreKey(current);
  if (key) await trackScoreChange(tx, key, "override", write);
  else await write();
}
