import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, exercises, type Assessment, type Course, type User } from "../db/schema";
import { requireSimilarityAssessment, type SimilarityScope } from "./report-access";
import { readSimilarityOverview } from "./report-overview";
import { startSimilarityReport, type SendSimilarityJob } from "./reports";

/** One code exercise of an assessment, as the assessment's similarity page lists it. */
export interface AssessmentSimilarityRow {
  assignmentId: string;
  exerciseTitle: string;
  submissions: number;
  status: "none" | "queued" | "running" | "done" | "failed";
  progress: number;
  outOfDate: boolean;
  newSubmissions: number;
  flaggedPairs: number | null;
  topSimilarity: number | null;
}

/** The code exercises of the assessment (quizzes have nothing to compare), in assessment order. */
async function codeScopes(db: Db, course: Course, assessment: Assessment): Promise<SimilarityScope[]> {
  const rows = await db
    .select({ assignment: assignments, exercise: exercises })
    .from(assignments)
    .innerJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(and(eq(assignments.assessmentId, assessment.id), ne(exercises.kind, "quiz")))
    .orderBy(asc(assignments.position), asc(exercises.title));
  return rows.map((row) => ({ course, ...row }));
}

/** Each code exercise of the assessment with its report's state (staff who may check similarity; NOT_FOUND otherwise). */
export async function getAssessmentSimilarity(
  db: Db,
  user: User,
  input: { courseSlug: string; assessmentId: string },
): Promise<{ course: Course; assessment: Assessment; rows: AssessmentSimilarityRow[] }> {
  const { course, assessment } = await requireSimilarityAssessment(db, user, input);
  const rows: AssessmentSimilarityRow[] = [];
  for (const scope of await codeScopes(db, course, assessment)) {
    const overview = await readSimilarityOverview(db, scope);
    rows.push({
      assignmentId: scope.assignment.id,
      exerciseTitle: scope.exercise.title,
      submissions: overview.current.submissions.length,
      status: overview.report?.status ?? "none",
      progress: overview.report?.progress ?? 0,
      outOfDate: overview.outOfDate,
      newSubmissions: overview.newSubmissions,
      flaggedPairs: overview.result?.flaggedPairs ?? null,
      topSimilarity: overview.result?.pairs[0]?.similarity ?? null,
    });
  }
  return { course, assessment, rows };
}

/**
 * Queues a report of every code exercise of the assessment with at least two submissions whose current
 * set has none (staff only; NOT_FOUND otherwise). Returns how many were queued and how many reused.
 */
export async function requestAssessmentSimilarity(
  db: Db,
  user: User,
  input: { courseSlug: string; assessmentId: string },
  send?: SendSimilarityJob,
): Promise<{ queued: number; reused: number; tooFew: number }> {
  const { course, assessment } = await requireSimilarityAssessment(db, user, input);
  const counts = { queued: 0, reused: 0, tooFew: 0 };
  for (const scope of await codeScopes(db, course, assessment)) {
    const started = await startSimilarityReport(db, scope, user.id, send);
    counts[started.kind === "too-few" ? "tooFew" : started.kind]++;
  }
  return counts;
}
