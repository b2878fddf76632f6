import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { assignments, exercises, submissions, type Assignment, type Exercise } from "../db/schema";
import { AppError } from "../errors";
import { LATE_POLICY_KINDS } from "../scoring/late-policy";
import { trackAssignmentScoreChanges } from "../scoring/score-changed";
import { AssignmentPolicySchema, type AssignmentPolicy } from "./deadlines";

const optionalDate = z.coerce.date().nullable().default(null);

export const AssignmentInputSchema = z
  .object({
    exerciseId: z.string().min(1),
    opensAt: optionalDate,
    dueAt: optionalDate,
    attemptLimit: z.coerce.number().int().positive().nullable().default(null),
    /** Defaults to the exercise's own points (see createAssignment). */
    points: z.coerce.number().int().min(0).max(10_000).optional(),
    latePolicy: z.enum(LATE_POLICY_KINDS).default("none"),
    latePenaltyPerDay: z.coerce.number().min(0).max(100).default(0),
    lateCutoffAt: optionalDate,
  })
  .superRefine((input, context) => {
    const policy = AssignmentPolicySchema.safeParse(input);
    if (!policy.success) for (const issue of policy.error.issues) context.addIssue({ ...issue, code: "custom" });
  });
export type AssignmentInput = z.input<typeof AssignmentInputSchema>;

/**
 * Assigns an exercise to a course, worth the exercise's own points unless `points` says otherwise; an
 * exercise can be assigned once per course. A course's own exercise is pinned to its current version
 * (an instructor moves it on); a catalogue exercise follows its current version. Another course's
 * exercise is NOT_FOUND.
 */
export async function createAssignment(db: Db, courseId: string, input: AssignmentInput): Promise<Assignment> {
  const data = AssignmentInputSchema.parse(input);
  const exercise = await getAssignableExercise(db, courseId, data.exerciseId);
  const points = data.points ?? exercise.points;
  const exerciseVersion = exercise.courseId === null ? null : exercise.currentVersion;
  const [row] = await db
    .insert(assignments)
    .values({ ...data, points, courseId, exerciseVersion, latePenaltyPerDay: String(data.latePenaltyPerDay) })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("CONFLICT", `Exercise ${data.exerciseId} is already assigned in this course.`);
  return row;
}

async function getAssignableExercise(db: Db, courseId: string, exerciseId: string) {
  const [row] = await db
    .select({ points: exercises.points, courseId: exercises.courseId, currentVersion: exercises.currentVersion })
    .from(exercises)
    .where(and(eq(exercises.id, exerciseId), or(isNull(exercises.courseId), eq(exercises.courseId, courseId))))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", `There is no exercise "${exerciseId}" in the catalogue.`);
  return row;
}

export type AssignmentChanges = Partial<Omit<AssignmentInput, "exerciseId">>;

/**
 * Changes the given dates and rules of an assignment, and nothing else; effective at once for every
 * later submission. The result is checked as a whole (a due date before the opening is refused).
 * A change of the late policy, due date or points reports every counted score it changes (scoreChanged).
 */
export async function updateAssignment(db: Db, courseId: string, assignmentId: string, changes: AssignmentChanges): Promise<Assignment> {
  const current = await getCourseAssignment(db, courseId, assignmentId);
  const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as AssignmentChanges;
  const merged = AssignmentInputSchema.parse({ ...storedInput(current), ...given });
  const written = Object.fromEntries(Object.keys(given).map((key) => [key, merged[key as keyof typeof merged]]));
  if (Object.keys(written).length === 0) return current;
  const stored = storedInput(current);
  const scored = SCORE_FIELDS.filter((key) => key in written && !sameValue(written[key], stored[key]));
  return db.transaction(async (tx) => {
    const update = async () => {
      const [row] = await tx
        .update(assignments)
        .set({ ...written, ...("latePenaltyPerDay" in written ? { latePenaltyPerDay: String(merged.latePenaltyPerDay) } : {}) })
        .where(and(eq(assignments.id, assignmentId), eq(assignments.courseId, courseId)))
        .returning();
      if (!row) throw new AppError("NOT_FOUND", "No such assignment.");
      return row;
    };
    if (scored.length === 0) return update();
    return trackAssignmentScoreChanges(tx, assignmentId, { pointsChanged: scored.includes("points") }, update);
  });
}

/** The fields a counted score (or its points) depends on. */
const SCORE_FIELDS = ["dueAt", "latePolicy", "latePenaltyPerDay", "lateCutoffAt", "points"] as const;

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** A stored assignment as input to AssignmentInputSchema. */
function storedInput(row: Assignment): AssignmentInput {
  const { exerciseId, opensAt, dueAt, attemptLimit, points, latePolicy, latePenaltyPerDay, lateCutoffAt } = row;
  return { exerciseId, opensAt, dueAt, attemptLimit, points, latePolicy, latePenaltyPerDay: Number(latePenaltyPerDay), lateCutoffAt };
}

/** The assignment, which must belong to the course; throws NOT_FOUND otherwise. */
export async function getCourseAssignment(db: Db, courseId: string, assignmentId: string): Promise<Assignment> {
  if (!z.uuid().safeParse(assignmentId).success) throw new AppError("NOT_FOUND", "No such assignment.");
  const [row] = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), eq(assignments.courseId, courseId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such assignment.");
  return row;
}

/** The course's assignment of an exercise, or null. */
export async function findAssignmentOfExercise(db: Db, courseId: string, exerciseId: string) {
  const [row] = await db
    .select({ assignment: assignments, exercise: exercises })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(and(eq(assignments.courseId, courseId), eq(assignments.exerciseId, exerciseId)))
    .limit(1);
  return row ?? null;
}

/** Every assignment of a course with its exercise, in course order. */
export async function listCourseAssignments(db: Db, courseId: string): Promise<Array<{ assignment: Assignment; exercise: Exercise }>> {
  return db
    .select({ assignment: assignments, exercise: exercises })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(eq(assignments.courseId, courseId))
    .orderBy(asc(assignments.position), asc(exercises.title));
}

/** The deadline rules of an assignment row, parsed (numeric columns come back as strings). */
export function policyOf(assignment: Assignment): AssignmentPolicy {
  return AssignmentPolicySchema.parse(assignment);
}

/**
 * What students have sent to an assignment, in the two kinds the pages name apart: submissions (Submit:
 * the hidden tests, scored, counted and regraded) and runs (Run: the visible examples only, never scored).
 */
export interface AssignmentActivity {
  submissions: number;
  runs: number;
}

/** How many submissions and runs (of any student) an assignment has. */
export async function countAssignmentActivity(db: Db, assignmentId: string): Promise<AssignmentActivity> {
  const rows = await db
    .select({ mode: submissions.mode, count: sql<number>`count(*)::int` })
    .from(submissions)
    .where(eq(submissions.assignmentId, assignmentId))
    .groupBy(submissions.mode);
  const of = (mode: "run" | "submit") => Number(rows.find((row) => row.mode === mode)?.count ?? 0);
  return { submissions: of("submit"), runs: of("run") };
}

/** Removes an assignment from its course, and with it every submission made to it. */
export async function deleteAssignment(db: Db, courseId: string, assignmentId: string): Promise<void> {
  await getCourseAssignment(db, courseId, assignmentId);
  await db.delete(assignments).where(and(eq(assignments.id, assignmentId), eq(assignments.courseId, courseId)));
}
