import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { submissions, testResults, type NewSubmission, type Submission } from "../db/schema";
import { codeTestRows } from "./result-rows";

/** What a grader hands back for one submission (the grading CLI's shape plus per-test metadata). */
export const GradeOutcomeSchema = z.object({
  status: z.enum(["graded", "compile_error", "runtime_error", "timeout", "memory_limit", "error"]),
  score: z.number().min(0).max(1),
  tests: z.array(
    z.object({
      name: z.string(),
      passed: z.boolean(),
      message: z.string(),
      hidden: z.boolean().default(true),
      misconception: z.string().optional(),
      shown: z.object({ expected: z.unknown().optional(), actual: z.unknown().optional() }).optional(),
    }),
  ),
  console: z.string().default(""),
  message: z.string().optional(),
});
export type GradeOutcome = z.input<typeof GradeOutcomeSchema>;

/** Inserts a submission in state `queued`. */
export async function createSubmission(db: Db, values: NewSubmission): Promise<Submission> {
  const [row] = await db
    .insert(submissions)
    .values({ ...values, status: "queued" })
    .returning();
  if (!row) throw new Error("Inserting a submission returned no row");
  return row;
}

/**
 * Marks a submission `running` for a new grading attempt and returns that attempt's number, or null
 * when it is already final. Only the latest attempt may write a result (see recordGradeOutcome).
 */
export async function claimSubmission(db: Db, submissionId: string): Promise<number | null> {
  const [row] = await db
    .update(submissions)
    .set({ status: "running", startedAt: new Date(), gradingAttempt: sql`${submissions.gradingAttempt} + 1` })
    .where(and(eq(submissions.id, submissionId), inArray(submissions.status, ["queued", "running"])))
    .returning({ attempt: submissions.gradingAttempt });
  return row?.attempt ?? null;
}

/**
 * Writes the outcome of grading attempt `attempt`, with its per-test rows, in one transaction.
 * Idempotent: a second delivery of the same job, or a stale attempt, writes nothing and returns false.
 * A grader failure (`error`) ends the submission in state `error`; every verdict ends it `graded`.
 */
export async function recordGradeOutcome(
  db: Db,
  submissionId: string,
  attempt: number,
  outcome: GradeOutcome,
  options: RecordOptions = {},
): Promise<boolean> {
  const result = GradeOutcomeSchema.parse(outcome);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(submissions)
      .set({
        status: result.status === "error" ? "error" : "graded",
        verdict: result.status,
        score: result.status === "error" ? null : result.score,
        console: result.console,
        message: result.message ?? null,
        gradedAt: new Date(),
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
    await options.inTransaction?.(tx);
    return true;
  });
}

export interface RecordOptions {
  /** Runs in the transaction that writes the score, after it (the queue completes its job here). */
  inTransaction?: (tx: Transaction) => Promise<void>;
}

type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Puts a submission whose grading attempt `attempt` failed for an infrastructure reason back to
 * `queued`, to wait for the queue's next delivery. A later attempt already under way is left alone.
 */
export async function releaseSubmission(db: Db, submissionId: string, attempt: number): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ status: "queued", startedAt: null })
    .where(and(eq(submissions.id, submissionId), eq(submissions.gradingAttempt, attempt), eq(submissions.status, "running")))
    .returning({ id: submissions.id });
  return rows.length > 0;
}
