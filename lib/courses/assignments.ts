import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import type { DbOrTx } from "../db/transaction";
import { assessments, assignments, courses, exercises, submissions, type Assessment, type Assignment, type Exercise } from "../db/schema";
import { AppError } from "../errors";
import { LATE_POLICY_KINDS } from "../scoring/late-policy";
import { AssignmentPolicySchema } from "./deadlines";
import { createAssessment, getCourseAssessment, policyOf, updateAssessment } from "./assessments";
import { trackAssignmentScoreChanges } from "../scoring/score-changed";
import { addExerciseToAssessment, getAssignableExercise } from "./assessment-items";

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
 * Assigns an exercise on its own: a one-exercise assessment titled after the exercise, with these dates
 * and rules, worth the exercise's own points unless `points` says otherwise. This quick way assigns an
 * exercise once per course (CONFLICT after); an assessment built in the builder may hold it again.
 * Another course's exercise is NOT_FOUND.
 */
export async function createAssignment(db: Db, courseId: string, input: AssignmentInput): Promise<Assignment> {
  const { exerciseId, points, ...policy } = AssignmentInputSchema.parse(input);
  return db.transaction(async (tx) => {
    // The course row is the lock: a double submit waits, then finds the exercise assigned.
    await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId)).for("update");
    const exercise = await getAssignableExercise(tx, courseId, exerciseId);
    if (await findAssignmentOfExercise(tx, courseId, exerciseId)) throw new AppError("CONFLICT", `Exercise ${exerciseId} is already assigned in this course.`);
    const assessment = await createAssessment(tx, courseId, { title: exercise.title, ...policy });
    return addExerciseToAssessment(tx, courseId, assessment.id, { exerciseId, points });
  });
}

export type AssignmentChanges = Partial<Omit<AssignmentInput, "exerciseId">>;

/**
 * Changes an assignment's points and the dates and rules of its assessment (for every exercise of it),
 * and nothing else. The rules are checked as a whole (a due date before the opening is refused); every
 * counted score the change moves is reported (scoreChanged).
 */
export async function updateAssignment(db: Db, courseId: string, assignmentId: string, changes: AssignmentChanges): Promise<Assignment> {
  const current = await getCourseAssignment(db, courseId, assignmentId);
  const { points: givenPoints, ...policy } = changes;
  const assessment = await getCourseAssessment(db, courseId, current.assessmentId);
  // Checked whole, points too, so that one bad field refuses the whole change.
  const checked = AssignmentInputSchema.parse({ ...storedPolicy(assessment), exerciseId: current.exerciseId, points: current.points, ...definedOnly(changes) });
  const points = givenPoints === undefined ? new Map<string, number>() : new Map([[assignmentId, checked.points!]]);
  await updateAssessment(db, courseId, assessment.id, policy, points);
  return getCourseAssignment(db, courseId, assignmentId);
}

const definedOnly = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;

function storedPolicy(row: Assessment) {
  const { opensAt, dueAt, attemptLimit, latePolicy, latePenaltyPerDay, lateCutoffAt } = row;
  return { opensAt, dueAt, attemptLimit, latePolicy, latePenaltyPerDay: Number(latePenaltyPerDay), lateCutoffAt };
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

export interface CourseAssignment {
  assignment: Assignment;
  exercise: Exercise;
  assessment: Assessment;
}

/**
 * The course's assignment of an exercise, or null. An exercise may sit in several assessments: with
 * `assessmentId`, that assessment's (null if it is not in it); without, the first in course order.
 */
export async function findAssignmentOfExercise(db: DbOrTx, courseId: string, exerciseId: string, assessmentId?: string): Promise<CourseAssignment | null> {
  if (assessmentId !== undefined && !z.uuid().safeParse(assessmentId).success) return null;
  const [row] = await courseAssignmentsQuery(db, and(eq(assignments.courseId, courseId), eq(assignments.exerciseId, exerciseId), assessmentId === undefined ? undefined : eq(assignments.assessmentId, assessmentId))).limit(1);
  return row ?? null;
}

/** Every assignment of a course with its exercise and assessment: assessments in course order, exercises in their order. */
export async function listCourseAssignments(db: Db, courseId: string): Promise<CourseAssignment[]> {
  return courseAssignmentsQuery(db, eq(assignments.courseId, courseId));
}

function courseAssignmentsQuery(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ assignment: assignments, exercise: exercises, assessment: assessments })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .where(where)
    .orderBy(asc(assessments.position), asc(assessments.createdAt), asc(assignments.position), asc(exercises.title));
}

/** The deadline rules of an assessment (every exercise of it follows them). */
export { policyOf };

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

/**
 * Removes an exercise from its assessment, and with it every submission made to it (each counted score
 * that goes is reported: scoreChanged, cause "removed"). With
 * `dropEmptyAssessment`, an assessment left without exercises goes too (removing a one-exercise assignment).
 */
export async function deleteAssignment(db: Db, courseId: string, assignmentId: string, options: { dropEmptyAssessment?: boolean } = {}): Promise<void> {
  const assignment = await getCourseAssignment(db, courseId, assignmentId);
  await db.transaction(async (tx) => {
    await trackAssignmentScoreChanges(tx, assignmentId, { pointsChanged: false, cause: "removed" }, async () => {
      await tx.delete(assignments).where(and(eq(assignments.id, assignmentId), eq(assignments.courseId, courseId)));
    });
    if (!options.dropEmptyAssessment) return;
    const [left] = await tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.assessmentId, assignment.assessmentId)).limit(1);
    if (!left) await tx.delete(assessments).where(and(eq(assessments.id, assignment.assessmentId), eq(assessments.courseId, courseId)));
  });
}
