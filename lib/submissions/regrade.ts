import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db";
import { can } from "../auth/permissions";
import { assignments, exercises, regrades, submissionGradings, submissions, testResults, type Regrade, type Submission, type User } from "../db/schema";
import { findMembershipBySlug } from "../courses/courses";
import { AppError } from "../errors";
import type { LoadedExercise } from "../exercises/catalogue";
import { getArtefact } from "../exercises/artefacts";
import { findExerciseVersion, prepareQuizForSeed } from "../exercises/resolve";
import { kindOf } from "../exercises/kinds";
import { enqueueRegrades, type DbOrTx } from "../queue/enqueue";
import { annotateTests } from "./annotate";
import type { CodeGrader } from "./grading-service";
import { replaceGradeOutcome, StoredGradeSchema, type StoredGrade } from "./lifecycle";
import { isCountedAttempt } from "../scoring/counted-score-sql";

export interface RegradeProgress {
  id: string;
  assignmentId: string;
  exerciseVersion: string;
  total: number;
  done: number;
  failed: number;
  finished: boolean;
  createdAt: Date;
  finishedAt: Date | null;
}

type Enqueue = (tx: DbOrTx, regradeId: string, submissionIds: readonly string[]) => Promise<void>;

/**
 * Starts regrading every graded (or errored) `submit` attempt of an assignment against the exercise's
 * current version: one regrade row and one job per submission, in one transaction. CONFLICT while
 * another regrade of the assignment is still running.
 */
export async function startRegrade(
  db: Db,
  input: { assignmentId: string; requestedBy: string | null },
  enqueue: Enqueue = enqueueRegrades,
): Promise<{ regradeId: string; total: number }> {
  return db.transaction(async (tx) => {
    // Locking the assignment row serialises two starts of the same assignment.
    const [assignment] = await tx
      // The version the assignment is on: pinned (course exercises), else the exercise's current one.
      .select({ id: assignments.id, version: sql<string>`coalesce(${assignments.exerciseVersion}, ${exercises.currentVersion})` })
      .from(assignments)
      .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
      .where(eq(assignments.id, input.assignmentId))
      .for("update", { of: assignments })
      .limit(1);
    if (!assignment) throw new AppError("NOT_FOUND", "No such assignment.");
    const [running] = await tx
      .select({ id: regrades.id })
      .from(regrades)
      .where(and(eq(regrades.assignmentId, assignment.id), isNull(regrades.finishedAt)))
      .limit(1);
    if (running) throw new AppError("CONFLICT", "A regrade of this assignment is still running.");
    const rows = await tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(and(eq(submissions.assignmentId, assignment.id), isCountedAttempt(), inArray(submissions.status, ["graded", "error"])))
      .orderBy(asc(submissions.createdAt));
    const ids = rows.map((row) => row.id);
    const [regrade] = await tx
      .insert(regrades)
      .values({
        assignmentId: assignment.id,
        exerciseVersion: assignment.version,
        requestedBy: input.requestedBy,
        total: ids.length,
        finishedAt: ids.length === 0 ? new Date() : null,
      })
      .returning({ id: regrades.id });
    if (!regrade) throw new Error("Inserting a regrade returned no row");
    if (ids.length > 0) await enqueue(tx, regrade.id, ids);
    return { regradeId: regrade.id, total: ids.length };
  });
}

/**
 * startRegrade for a signed-in user: only an instructor of the course that owns the assignment may
 * start it; anyone else, and any assignment of another course, gets NOT_FOUND.
 */
export async function requestRegrade(
  db: Db,
  user: User,
  input: { courseSlug: string; assignmentId: string },
  enqueue: Enqueue = enqueueRegrades,
): Promise<{ regradeId: string; total: number }> {
  const membership = await findMembershipBySlug(db, input.courseSlug, user.id);
  if (!membership || !can(membership, "regrade")) throw new AppError("NOT_FOUND", "No such assignment.");
  const [owned] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.id, input.assignmentId), eq(assignments.courseId, membership.course.id)))
    .limit(1);
  if (!owned) throw new AppError("NOT_FOUND", "No such assignment.");
  return startRegrade(db, { assignmentId: owned.id, requestedBy: user.id }, enqueue);
}

export interface RegradeDeps {
  db: Db;
  grader: CodeGrader;
  log?: (line: string, error?: unknown) => void;
}

/**
 * One regrade job: grades the submission again against the loaded exercise and, in one transaction,
 * archives its old result, writes the new one and counts it. A second delivery is a no-op. When the
 * grader fails (an `error` outcome) the old result stays in place and the job counts as failed.
 */
export async function regradeSubmission(deps: RegradeDeps, job: { regradeId: string; submissionId: string }): Promise<void> {
  const { db } = deps;
  const log = deps.log ?? ((line: string, error?: unknown) => console.error(line, error ?? ""));
  const [submission] = await db.select().from(submissions).where(eq(submissions.id, job.submissionId)).limit(1);
  if (!submission) {
    log(`Tensorgrade: regrade ${job.regradeId}: submission ${job.submissionId} no longer exists`);
    return;
  }
  if (await isArchived(db, job)) return;

  // Code is regraded against the version the regrade was started for (the assignment's then), from
  // the database; answers (a quiz) against that version of a course's own quiz, or this process's
  // catalogue, as before. Either is recorded as the version.
  const [regrade] = await db.select({ version: regrades.exerciseVersion }).from(regrades).where(eq(regrades.id, job.regradeId)).limit(1);
  const loaded = await findExerciseVersion(db, submission.exerciseId, regrade?.version ?? submission.exerciseVersion);
  const version = loaded && kindOf(loaded.pkg).grading.mode === "inline" ? loaded.contentHash : (regrade?.version ?? null);
  const startedAt = new Date();
  const outcome = await gradeAgain(deps, submission, loaded, version).catch((error: unknown): StoredGrade => {
    log(`Tensorgrade: regrade ${job.regradeId}: grading submission ${submission.id} failed`, error);
    return { status: "error", score: 0, tests: [], message: "The grader failed during the regrade; the previous result was kept." };
  });
  await recordRegradeResult(db, job, StoredGradeSchema.parse(outcome), version, startedAt);
}

/**
 * For a regrade job that failed on every delivery: counts it as failed, keeping the submission's
 * result, so that the regrade still finishes. Idempotent like regradeSubmission.
 */
export async function recordRegradeAbandoned(db: Db, job: { regradeId: string; submissionId: string }): Promise<void> {
  await recordRegradeResult(db, job, null, null, null);
}

/** Archives the old result, writes the new one (none: the old one stays) and counts it, once per job. */
async function recordRegradeResult(
  db: Db,
  job: { regradeId: string; submissionId: string },
  outcome: z.output<typeof StoredGradeSchema> | null,
  version: string | null,
  /** When this grading started: the new result's duration runs from it, not from the submission's creation. */
  startedAt: Date | null,
): Promise<void> {
  const result = outcome?.status === "error" ? null : outcome;
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(submissions).where(eq(submissions.id, job.submissionId)).for("update");
    if (!current || (await isArchived(tx, job))) return;
    const oldTests = await tx.select().from(testResults).where(eq(testResults.submissionId, current.id)).orderBy(asc(testResults.position));
    await tx.insert(submissionGradings).values({
      submissionId: current.id,
      regradeId: job.regradeId,
      exerciseVersion: current.exerciseVersion,
      verdict: current.verdict,
      score: current.score,
      message: current.message,
      tests: oldTests.map(({ position, name, hidden, passed, message, misconception }) => ({ position, name, hidden, passed, message, misconception })),
      gradedAt: current.gradedAt,
    });
    if (result) await replaceGradeOutcome(tx, current, result, { exerciseVersion: version ?? current.exerciseVersion, startedAt });
    // SET expressions read the row as it was before this update, hence the + 1.
    await tx
      .update(regrades)
      .set({
        done: result ? sql`${regrades.done} + 1` : regrades.done,
        failed: result ? regrades.failed : sql`${regrades.failed} + 1`,
        finishedAt: sql`case when ${regrades.done} + ${regrades.failed} + 1 >= ${regrades.total} then coalesce(${regrades.finishedAt}, now()) else ${regrades.finishedAt} end`,
      })
      .where(eq(regrades.id, job.regradeId));
  });
}

async function isArchived(db: DbOrTx, job: { regradeId: string; submissionId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: submissionGradings.id })
    .from(submissionGradings)
    .where(and(eq(submissionGradings.submissionId, job.submissionId), eq(submissionGradings.regradeId, job.regradeId)))
    .limit(1);
  return row !== undefined;
}

/** The new outcome of a stored attempt: answers graded by their kind on the stored variant, code through the grader. */
async function gradeAgain(deps: RegradeDeps, submission: Submission, loaded: LoadedExercise | null, version: string | null): Promise<StoredGrade> {
  const grading = loaded ? kindOf(loaded.pkg).grading : null;
  if (loaded && grading?.mode === "inline") {
    if (submission.answers === null) throw new Error("an answered attempt without answers");
    const pkg = await prepareQuizForSeed(loaded.pkg, submission.variantSeed);
    const grade = grading.gradeStored(pkg, { answers: submission.answers, variant: submission.variant, variantSeed: submission.variantSeed });
    return { status: "graded", score: grade.score, console: "", tests: grade.tests.map((test) => ({ ...test, hidden: false })) };
  }
  // Answers are graded by their package in this process: without it there is nothing to grade them with.
  if (!loaded && submission.code === null) throw new Error(`exercise ${submission.exerciseId} is not loaded in this process: its answered attempts cannot be regraded`);
  if (submission.code === null) throw new Error("a code attempt without code");
  if (version === null) throw new Error(`exercise ${submission.exerciseId}: the regrade names no version`);
  const artefact = await getArtefact(deps.db, submission.exerciseId, version);
  const result = await deps.grader.grade(artefact.grading, submission.code);
  return annotateTests({ exercise: artefact.outline }, result, "submit");
}

/** A regrade's progress; NOT_FOUND when there is no such regrade. */
export async function getRegradeProgress(db: Db, regradeId: string): Promise<RegradeProgress> {
  const [row] = await db.select().from(regrades).where(eq(regrades.id, regradeId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such regrade.");
  return toProgress(row);
}

/** The assignment's most recent regrade, or null when it was never regraded. */
export async function findLatestRegrade(db: Db, assignmentId: string): Promise<RegradeProgress | null> {
  const [row] = await db
    .select()
    .from(regrades)
    .where(eq(regrades.assignmentId, assignmentId))
    .orderBy(desc(regrades.createdAt))
    .limit(1);
  return row ? toProgress(row) : null;
}

function toProgress(row: Regrade): RegradeProgress {
  return {
    id: row.id,
    assignmentId: row.assignmentId,
    exerciseVersion: row.exerciseVersion,
    total: row.total,
    done: row.done,
    failed: row.failed,
    finished: row.finishedAt !== null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
