import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { listGradeCategories } from "./grade-categories";
import { assignments, exercises, submissions, type Assessment, type Assignment, type Exercise } from "../db/schema";
import { AppError } from "../errors";
import { getCourseAssessment } from "./assessments";
import type { AssignmentActivity } from "./assignments";

/** One exercise of an assessment as the builder shows it: its row, its exercise and what students sent to it. */
export interface BuilderItem {
  assignment: Pick<Assignment, "id" | "exerciseId" | "points" | "position">;
  exercise: Pick<Exercise, "id" | "title" | "topic" | "kind" | "difficulty">;
  activity: AssignmentActivity;
}

/** The assessment (NOT_FOUND when it is not the course's) with its exercises in order and their activity. */
export async function getAssessmentBuilder(db: Db, courseId: string, assessmentId: string): Promise<{ assessment: Assessment; items: BuilderItem[] }> {
  const assessment = await getCourseAssessment(db, courseId, assessmentId);
  const rows = await db
    .select({
      assignment: { id: assignments.id, exerciseId: assignments.exerciseId, points: assignments.points, position: assignments.position },
      exercise: { id: exercises.id, title: exercises.title, topic: exercises.topic, kind: exercises.kind, difficulty: exercises.difficulty },
    })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(and(eq(assignments.assessmentId, assessment.id), eq(assignments.courseId, courseId)))
    .orderBy(asc(assignments.position), asc(assignments.createdAt));
  const activity = await countActivityByAssignment(db, rows.map((row) => row.assignment.id));
  return { assessment, items: rows.map((row) => ({ ...row, activity: activity.get(row.assignment.id) ?? { submissions: 0, runs: 0 } })) };
}

/** Submissions and runs per assignment, in one query (submissions_assignment_user_idx leads with the assignment). */
export async function countActivityByAssignment(db: Db, assignmentIds: readonly string[]): Promise<Map<string, AssignmentActivity>> {
  const counts = new Map<string, AssignmentActivity>();
  if (assignmentIds.length === 0) return counts;
  const rows = await db
    .select({ assignmentId: submissions.assignmentId, mode: submissions.mode, count: sql<number>`count(*)::int` })
    .from(submissions)
    .where(inArray(submissions.assignmentId, [...assignmentIds]))
    .groupBy(submissions.assignmentId, submissions.mode);
  for (const row of rows) {
    if (row.assignmentId === null) continue;
    const entry = counts.get(row.assignmentId) ?? { submissions: 0, runs: 0 };
    if (row.mode === "submit") entry.submissions += Number(row.count);
    else entry.runs += Number(row.count);
    counts.set(row.assignmentId, entry);
  }
  return counts;
}

/** The assessment's item, which must belong to it; NOT_FOUND otherwise. */
export function requireItem(items: readonly BuilderItem[], assignmentId: string): BuilderItem {
  const item = items.find((entry) => entry.assignment.id === assignmentId);
  if (!item) throw new AppError("NOT_FOUND", "That exercise is not in this assessment.");
  return item;
}

/** The course's grade categories for a select, in their order. */
export async function listCategoryOptions(db: Db, courseId: string): Promise<Array<{ id: string; name: string }>> {
  return (await listGradeCategories(db, courseId)).map(({ id, name }) => ({ id, name }));
}
