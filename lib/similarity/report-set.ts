import { createHash } from "node:crypto";
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db";
import { enrolments, exercises, submissions, users, type Assignment } from "../db/schema";
import { findExerciseForCourse } from "../exercises/resolve";
import { AppError } from "../errors";
import type { SimilarityBoilerplate, SimilarityOptions } from "./types";

/** One student's latest code Submit of an assignment: what a similarity report analyses. */
export interface LatestSubmission {
  submissionId: string;
  userId: string;
  name: string;
  email: string;
  createdAt: Date;
}

/**
 * Each student's latest code Submit (mode submit) to the assignment: Runs never count, and staff's own
 * attempts (previews, a TA trying the exercise) are not students' work. Ordered by student name.
 */
export async function listLatestSubmissions(db: Db, assignment: Pick<Assignment, "id" | "courseId">): Promise<LatestSubmission[]> {
  const rows = await db
    .selectDistinctOn([submissions.userId], {
      submissionId: submissions.id,
      userId: submissions.userId,
      name: users.name,
      email: users.email,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .innerJoin(enrolments, and(eq(enrolments.userId, submissions.userId), eq(enrolments.courseId, assignment.courseId), eq(enrolments.role, "student")))
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.mode, "submit"), isNotNull(submissions.code)))
    .orderBy(submissions.userId, desc(submissions.createdAt), desc(submissions.id));
  return rows.sort((x, y) => x.name.localeCompare(y.name) || x.email.localeCompare(y.email));
}

/** The exercise version the assignment is on: pinned (course exercises), else the exercise's current one. */
export async function assignmentExerciseVersion(db: Db, assignment: Pick<Assignment, "exerciseId" | "exerciseVersion">): Promise<string> {
  if (assignment.exerciseVersion) return assignment.exerciseVersion;
  const [row] = await db.select({ version: exercises.currentVersion }).from(exercises).where(eq(exercises.id, assignment.exerciseId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Exercise ${assignment.exerciseId} does not exist.`);
  return row.version;
}

/** The starter and reference solution of the exercise at `version`; throws for a quiz (no code to compare). */
export async function loadBoilerplate(db: Db, courseId: string, exerciseId: string, version: string): Promise<SimilarityBoilerplate> {
  const loaded = await findExerciseForCourse(db, courseId, exerciseId, version);
  if (!loaded) throw new AppError("NOT_FOUND", `Exercise ${exerciseId} version ${version.slice(0, 12)} was not found.`);
  if (loaded.pkg.kind === "quiz") throw new AppError("INVALID_INPUT", `Exercise ${exerciseId} is a quiz: similarity reports compare code.`);
  return { starter: loaded.pkg.starter, solution: loaded.pkg.solution };
}

/**
 * The analysis's version, part of every cache key: raise it whenever a change to the tokenizer, fingerprints
 * or scoring would give a set another result, so that asking again analyses the set anew instead of reusing
 * the report of the old analysis. 2: literal runs, a hash counted once per submission, MAX_TOKENS.
 */
export const ANALYSIS_VERSION = 2;

/** The cache key of a set: the same submissions, boilerplate, options and analysis version give the same report. */
export function submissionsKey(
  submissionIds: readonly string[],
  boilerplate: SimilarityBoilerplate,
  options: SimilarityOptions,
  analysisVersion: number = ANALYSIS_VERSION,
): string {
  const hash = createHash("sha256");
  hash.update(`analysis ${analysisVersion}\0`);
  hash.update([...submissionIds].sort().join(","));
  hash.update("\0");
  hash.update(createHash("sha256").update(boilerplate.starter).update("\0").update(boilerplate.solution).digest("hex"));
  hash.update("\0");
  hash.update(JSON.stringify(options, Object.keys(options).sort()));
  return hash.digest("hex");
}

/** Code of the given submissions, in the given order (a missing one is left out: deleted since). */
export async function loadSubmissionCode(db: Db, submissionIds: readonly string[]): Promise<Array<{ id: string; code: string }>> {
  if (submissionIds.length === 0) return [];
  const rows = await db
    .select({ id: submissions.id, code: submissions.code })
    .from(submissions)
    .where(inArray(submissions.id, [...submissionIds]));
  const byId = new Map(rows.map((row) => [row.id, row.code ?? ""]));
  return submissionIds.flatMap((id) => (byId.has(id) ? [{ id, code: byId.get(id)! }] : []));
}
