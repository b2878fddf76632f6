import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import type { DbOrTx, Transaction } from "../db/transaction";
import { assessments, assignments, exercises, gradeCategories, type Assessment, type Assignment, type Exercise } from "../db/schema";
import { AppError } from "../errors";
import { LATE_POLICY_KINDS } from "../scoring/late-policy";
import { trackAssessmentScoreChanges } from "../scoring/score-changed";
import { announceAssessmentRelease } from "./assessment-release";
import { AssignmentPolicySchema, type AssignmentPolicy } from "./deadlines";
import { EXPLANATION_RELEASES } from "./explanation-release";

const optionalDate = z.coerce.date().nullable().default(null);

/** An assessment's title, category, dates and rules, as a form or a caller gives them. */
export const AssessmentInputSchema = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    categoryId: z.uuid("must be one of the course's categories").nullable().default(null),
    opensAt: optionalDate,
    dueAt: optionalDate,
    attemptLimit: z.coerce.number().int().positive().max(1000).nullable().default(null),
    latePolicy: z.enum(LATE_POLICY_KINDS).default("none"),
    latePenaltyPerDay: z.coerce.number().min(0).max(100).default(0),
    lateCutoffAt: optionalDate,
    explanationRelease: z.enum(EXPLANATION_RELEASES).nullable().default(null),
    timeLimitMinutes: z.coerce.number().int().min(1).max(10_000).nullable().default(null),
    releasePolicy: z.enum(["immediately", "after_due", "manual"]).default("immediately"),
    hiddenTestDetail: z.enum(["names_and_hints", "names_only", "nothing"]).default("names_and_hints"),
    allowRun: z.boolean().default(true),
    /** Trimmed; blank is none. Compared by lib/exams on start, never shown to students. */
    accessCode: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), z.string().trim().max(64, "must be at most 64 characters").nullable().default(null)),
  })
  .superRefine((input, context) => {
    const policy = AssignmentPolicySchema.safeParse(input);
    if (!policy.success) for (const issue of policy.error.issues) context.addIssue({ ...issue, code: "custom" });
  });
export type AssessmentInput = z.input<typeof AssessmentInputSchema>;
export type AssessmentChanges = Partial<AssessmentInput>;

/** The fields that decide when students see their scores (grade passback waits for that). */
const RELEASE_FIELDS = ["releasePolicy", "dueAt"] as const;

/** The fields a counted score depends on. */
const SCORE_FIELDS = ["dueAt", "latePolicy", "latePenaltyPerDay", "lateCutoffAt"] as const;

/** The deadline rules of an assessment row, parsed (numeric columns come back as strings). */
export function policyOf(assessment: Pick<Assessment, "opensAt" | "dueAt" | "attemptLimit" | "latePolicy" | "latePenaltyPerDay" | "lateCutoffAt">): AssignmentPolicy {
  return AssignmentPolicySchema.parse({
    opensAt: assessment.opensAt,
    dueAt: assessment.dueAt,
    attemptLimit: assessment.attemptLimit,
    latePolicy: assessment.latePolicy,
    latePenaltyPerDay: assessment.latePenaltyPerDay,
    lateCutoffAt: assessment.lateCutoffAt,
  });
}

/** Creates an empty assessment at the end of the course's list. */
export async function createAssessment(db: DbOrTx, courseId: string, input: AssessmentInput): Promise<Assessment> {
  const data = AssessmentInputSchema.parse(input);
  if (data.categoryId) await requireCategory(db, courseId, data.categoryId);
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${assessments.position}), -1)::int` })
    .from(assessments)
    .where(eq(assessments.courseId, courseId));
  const [row] = await db
    .insert(assessments)
    .values({ ...data, courseId, latePenaltyPerDay: String(data.latePenaltyPerDay), position: Number(last?.position ?? -1) + 1 })
    .returning();
  return row!;
}

async function requireCategory(db: DbOrTx, courseId: string, categoryId: string): Promise<void> {
  const [row] = await db
    .select({ id: gradeCategories.id })
    .from(gradeCategories)
    .where(and(eq(gradeCategories.id, categoryId), eq(gradeCategories.courseId, courseId)))
    .limit(1);
  if (!row) throw new AppError("INVALID_INPUT", "Category: must be one of the course's categories.");
}

/**
 * Changes the given fields of an assessment and, with `points`, what some of its exercises are worth
 * (assignment id → points), all in one transaction, and nothing else; effective at once for every later
 * submission to any of its exercises. Checked as a whole against the row as it is under lock (a due
 * date before the opening is refused). A change of the due date, the late policy or points reports
 * every counted score it moves (scoreChanged).
 */
export async function updateAssessment(
  db: Db,
  courseId: string,
  assessmentId: string,
  changes: AssessmentChanges,
  points: ReadonlyMap<string, number> = new Map(),
): Promise<Assessment> {
  if (!z.uuid().safeParse(assessmentId).success) throw new AppError("NOT_FOUND", "No such assessment.");
  const newPoints = [...points].map(([id, value]) => [id, PointsSchema.parse(value)] as const);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "No such assessment.");
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as AssessmentChanges;
    const stored = storedInput(current);
    const merged = AssessmentInputSchema.parse({ ...stored, ...given });
    const written = Object.fromEntries(Object.keys(given).map((key) => [key, merged[key as keyof typeof merged]]));
    if ("categoryId" in written && merged.categoryId) await requireCategory(tx, courseId, merged.categoryId);
    const items = newPoints.length === 0 ? [] : await tx.select({ id: assignments.id, points: assignments.points }).from(assignments).where(eq(assignments.assessmentId, assessmentId));
    const changedPoints = newPoints.filter(([id, value]) => {
      const item = items.find((entry) => entry.id === id);
      if (!item) throw new AppError("NOT_FOUND", "That exercise is not in this assessment.");
      return item.points !== value;
    });
    const write = async () => {
      let row: Assessment | undefined = current;
      if (Object.keys(written).length > 0) {
        [row] = await tx
          .update(assessments)
          .set({ ...written, ...("latePenaltyPerDay" in written ? { latePenaltyPerDay: String(merged.latePenaltyPerDay) } : {}) })
          .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)))
          .returning();
      }
      for (const [id, value] of changedPoints) {
        await tx.update(assignments).set({ points: value }).where(and(eq(assignments.id, id), eq(assignments.assessmentId, assessmentId)));
      }
      return row!;
    };
    const movesScores = changedPoints.length > 0 || SCORE_FIELDS.some((key) => key in written && !sameValue(written[key], stored[key]));
    const movesRelease = RELEASE_FIELDS.some((key) => key in written && !sameValue(written[key], stored[key]));
    const row = movesScores ? await trackAssessmentScoreChanges(tx, assessmentId, write, { pointsChangedOn: new Set(changedPoints.map(([id]) => id)) }) : await write();
    // Scores may be released now or at another time: listeners (grade passback) look again, in this transaction.
    if (movesRelease) await announceAssessmentRelease(tx, assessmentId);
    return row;
  });
}

/** What an exercise of an assessment may be worth. */
export const PointsSchema = z.number().int().min(0).max(10_000);

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** A stored assessment as input to AssessmentInputSchema. */
function storedInput(row: Assessment): AssessmentInput {
  const { title, categoryId, opensAt, dueAt, attemptLimit, latePolicy, latePenaltyPerDay, lateCutoffAt, explanationRelease, timeLimitMinutes } = row;
  const { releasePolicy, hiddenTestDetail, allowRun, accessCode } = row;
  return {
    title,
    categoryId,
    opensAt,
    dueAt,
    attemptLimit,
    latePolicy,
    latePenaltyPerDay: Number(latePenaltyPerDay),
    lateCutoffAt,
    explanationRelease,
    timeLimitMinutes,
    releasePolicy,
    hiddenTestDetail,
    allowRun,
    accessCode,
  };
}

/** The assessment, which must belong to the course; throws NOT_FOUND otherwise. */
export async function getCourseAssessment(db: DbOrTx, courseId: string, assessmentId: string): Promise<Assessment> {
  if (!z.uuid().safeParse(assessmentId).success) throw new AppError("NOT_FOUND", "No such assessment.");
  const [row] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such assessment.");
  return row;
}

export interface AssessmentItem {
  assignment: Assignment;
  exercise: Exercise;
}

export interface AssessmentWithItems {
  assessment: Assessment;
  items: AssessmentItem[];
}

/** Every assessment of the course in course order, each with its exercises in order (an empty one too). */
export async function listCourseAssessments(db: Db, courseId: string): Promise<AssessmentWithItems[]> {
  const [rows, items] = await Promise.all([
    db.select().from(assessments).where(eq(assessments.courseId, courseId)).orderBy(asc(assessments.position), asc(assessments.createdAt)),
    db
      .select({ assignment: assignments, exercise: exercises })
      .from(assignments)
      .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
      .where(eq(assignments.courseId, courseId))
      .orderBy(asc(assignments.position), asc(assignments.createdAt)),
  ]);
  const byAssessment = new Map<string, AssessmentItem[]>(rows.map((row) => [row.id, []]));
  for (const item of items) byAssessment.get(item.assignment.assessmentId)?.push(item);
  return rows.map((assessment) => ({ assessment, items: byAssessment.get(assessment.id) ?? [] }));
}

/** Puts the course's assessments in the given order; every assessment of the course must be named once. */
export async function reorderAssessments(db: Db, courseId: string, assessmentIds: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    // Locked in id order, so that two concurrent reorders wait for each other rather than deadlock.
    const rows = await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.courseId, courseId)).orderBy(asc(assessments.id)).for("update");
    requireSameSet(rows.map((row) => row.id), assessmentIds, "assessment");
    for (const [position, id] of assessmentIds.entries()) {
      await tx.update(assessments).set({ position }).where(and(eq(assessments.id, id), eq(assessments.courseId, courseId)));
    }
  });
}

/** Refuses an order that leaves out, repeats or adds an id. */
export function requireSameSet(existing: readonly string[], given: readonly string[], what: string): void {
  const known = new Set(existing);
  if (given.length !== known.size || new Set(given).size !== given.length || given.some((id) => !known.has(id))) {
    throw new AppError("CONFLICT", `The ${what}s have changed since the page was opened; reload it and try again.`);
  }
}


/**
 * Removes an assessment, in the caller's transaction, with its exercises' assignments, every submission
 * made to them and its accommodations (cascade); every counted score that goes is reported (scoreChanged,
 * cause "removed"). lib/workflows/delete-assessment.ts audits the accommodations first.
 */
export async function deleteAssessmentInTransaction(tx: Transaction, courseId: string, assessmentId: string): Promise<void> {
  await trackAssessmentScoreChanges(
    tx,
    assessmentId,
    async () => {
      await tx.delete(assessments).where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, courseId)));
    },
    { cause: "removed" },
  );
}
