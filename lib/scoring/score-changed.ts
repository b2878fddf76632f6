import { and, eq, inArray } from "drizzle-orm";
import { getCountedScore, listCountedScores, type ScoreKey } from "./counted-score";
import type { Transaction } from "../db/transaction";
import { assignments } from "../db/schema";

/**
 * What changed a counted score: a grading, a regrade, a staff override (of a submission or an
 * assessment score), an edit of the assessment's policy or an
 * exercise's points, a student's accommodation (granted, changed, revoked), or the removal of an
 * exercise from its assessment or of the assessment (current null: nothing counts any more).
 */
export type ScoreChangeCause = "graded" | "regraded" | "policy_changed" | "accommodation" | "removed" | "override";

/**
 * One student's counted score on one assignment changed. `previous` and `current` are fractions 0..1
 * (null: nothing graded) as the writer's transaction sees them; a change of the assignment's points
 * alone is reported with equal fractions, since the points counted still change.
 */
export interface ScoreChange extends ScoreKey {
  cause: ScoreChangeCause;
  previous: number | null;
  current: number | null;
}

/**
 * Runs in the writer's transaction, so what it writes (a passback job, a cache row) commits or rolls
 * back with the score. A listener that throws rolls the score back too.
 */
export type ScoreListener = (tx: Transaction, change: ScoreChange) => Promise<void> | void;

// On globalThis: Next.js may load this module once for the start-up hook (which installs grade passback)
// and again for the routes and actions that write scores; both must share one set, as the queue is shared.
const store = globalThis as typeof globalThis & { __tensorgradeScoreListeners?: Set<ScoreListener> };
const listeners = (store.__tensorgradeScoreListeners ??= new Set<ScoreListener>());

/** Registers a listener of every counted-score change; returns its removal. */
export function onScoreChanged(listener: ScoreListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells every listener, in order of registration, that a counted score changed. Writers of scores call it. */
export async function scoreChanged(tx: Transaction, change: ScoreChange): Promise<void> {
  for (const listener of listeners) await listener(tx, change);
}

/**
 * Reads one student's counted score, runs `write`, reads it again and reports a change, all in `tx`.
 * `write` returns false when it wrote nothing (nothing is then read or reported).
 */
export async function trackScoreChange(tx: Transaction, key: ScoreKey, cause: ScoreChangeCause, write: () => Promise<boolean>): Promise<boolean> {
  const previous = await getCountedScore(tx, key);
  if (!(await write())) return false;
  const current = await getCountedScore(tx, key);
  if (current !== previous) await scoreChanged(tx, { ...key, cause, previous, current });
  return true;
}

/**
 * trackScoreChange for every student of an assignment at once (a policy edit, a removal). With
 * `pointsChanged`, every student with a graded attempt is reported, their counted points having changed.
 */
export async function trackAssignmentScoreChanges<T>(
  tx: Transaction,
  assignmentId: string,
  options: { pointsChanged: boolean; cause?: ScoreChangeCause },
  write: () => Promise<T>,
): Promise<T> {
  const before = await listCountedScores(tx, assignmentId);
  const written = await write();
  const after = await listCountedScores(tx, assignmentId);
  await reportDifferences(tx, assignmentId, before, after, options.cause ?? "policy_changed", { pointsChanged: options.pointsChanged });
  return written;
}

/**
 * trackAssignmentScoreChanges for every exercise of an assessment (an edit of its dates or late policy, a
 * removal). `pointsChangedOn`: exercises whose points the write changes too, reported for everyone graded on them.
 */
export async function trackAssessmentScoreChanges<T>(
  tx: Transaction,
  assessmentId: string,
  write: () => Promise<T>,
  options: { pointsChangedOn?: ReadonlySet<string>; cause?: ScoreChangeCause } = {},
): Promise<T> {
  const items = await tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.assessmentId, assessmentId));
  const before = new Map<string, Map<string, number | null>>();
  for (const item of items) before.set(item.id, await listCountedScores(tx, item.id));
  const written = await write();
  for (const item of items) {
    const after = await listCountedScores(tx, item.id);
    await reportDifferences(tx, item.id, before.get(item.id)!, after, options.cause ?? "policy_changed", { pointsChanged: options.pointsChangedOn?.has(item.id) === true });
  }
  return written;
}

/**
 * Reports each student whose counted score on the exercise differs between two readings, one gone from
 * the second reading (its work removed) included; with `pointsChanged`, everyone graded after it; with
 * `only`, only those students.
 */
async function reportDifferences(
  tx: Transaction,
  assignmentId: string,
  before: ReadonlyMap<string, number | null>,
  after: ReadonlyMap<string, number | null>,
  cause: ScoreChangeCause,
  options: { pointsChanged?: boolean; only?: ReadonlySet<string> },
): Promise<void> {
  for (const userId of new Set([...before.keys(), ...after.keys()])) {
    if (options.only && !options.only.has(userId)) continue;
    const previous = before.get(userId) ?? null;
    const current = after.get(userId) ?? null;
    if (current !== previous || (options.pointsChanged && current !== null)) await scoreChanged(tx, { userId, assignmentId, cause, previous, current });
  }
}

/** Whose scores an accommodation can move: students, on some assessments of a course or all of them. */
export interface StudentScoreScope {
  courseId: string;
  userIds: readonly string[];
  /** "all": every assessment of the course (a grant without an assessment). */
  assessmentIds: readonly string[] | "all";
}

/**
 * Reads the counted scores of the students on the assessments' exercises, runs `write`, reads them again
 * and reports each change with `cause`, all in `tx` (an accommodation granted, changed or revoked).
 */
export async function trackStudentScoreChanges<T>(tx: Transaction, scope: StudentScoreScope, cause: ScoreChangeCause, write: () => Promise<T>): Promise<T> {
  if (scope.userIds.length === 0 || (scope.assessmentIds !== "all" && scope.assessmentIds.length === 0)) return write();
  const items = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.courseId, scope.courseId), scope.assessmentIds === "all" ? undefined : inArray(assignments.assessmentId, [...scope.assessmentIds])));
  // One query per exercise, whatever the number of students: a CSV of 300 grants is one pass.
  const only = new Set(scope.userIds);
  const before = new Map<string, Map<string, number | null>>();
  for (const item of items) before.set(item.id, await listCountedScores(tx, item.id));
  const written = await write();
  for (const item of items) await reportDifferences(tx, item.id, before.get(item.id)!, await listCountedScores(tx, item.id), cause, { only });
  return written;
}
