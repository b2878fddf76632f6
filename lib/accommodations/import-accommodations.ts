import { z } from "zod";
import type { Db } from "../db";
import { isAppError } from "../errors";
import { listGrantFormOptions } from "./list-form-options";
import { dueDateProblem } from "./due-date";
import { writeGrant, type GrantResult } from "./grant-accommodation";
import { trackAccommodationScores } from "./track-scores";
import { parseAccommodationsCsv, type AccommodationCsvRow, type CsvRowError } from "./parse-accommodations-csv";
import { GrantInputSchema } from "./schemas";
import { getCourseTimeZone, type AssessmentRef, type StudentRef } from "./subjects";
import type { AccommodationScope } from "./types";

export interface AccommodationsImportReport {
  /** Every row's problems; when there is any, nothing was written. */
  errors: CsvRowError[];
  /** What each row did, in file order (empty when there were errors). */
  applied: Array<{ row: number } & GrantResult>;
}

/**
 * Grants or changes, in bulk, the accommodations a CSV lists (see parseAccommodationsCsv): each row
 * sets one student's grant on one assessment (or all) to exactly what the row says. All or nothing:
 * every row is checked against the course first (its student, its assessment, its due date after
 * the assessment's), and if any row fails, nothing is written and every failure is reported.
 */
export async function importAccommodations(db: Db, scope: AccommodationScope, text: string): Promise<AccommodationsImportReport> {
  const timeZone = await getCourseTimeZone(db, scope.courseId);
  const parsed = parseAccommodationsCsv(text, timeZone);
  const { students, assessments } = await listGrantFormOptions(db, scope.courseId);
  const lookup = lookups(students, assessments);
  const resolved = resolveRows(parsed.rows, lookup, timeZone);
  // A row that failed to parse is still looked up, so that all its problems are reported at once.
  const rejected = parsed.errors.map(({ row, message, email, assessment }) => {
    const found = find(lookup, email, assessment);
    return { row, message: [message, ...found.problems].join("; ") };
  });
  const errors = [...rejected, ...resolved.errors].sort((a, b) => a.row - b.row);
  if (errors.length > 0) return { errors, applied: [] };
  let failed: CsvRowError | null = null;
  const applied = await db
    .transaction(async (tx) => {
      const results: AccommodationsImportReport["applied"] = [];
      // Score changes are tracked once around the whole file: one pass over the course, not one per row.
      const students = [...new Set(resolved.grants.flatMap(({ grant }) => ("userId" in grant.target ? [grant.target.userId] : [])))];
      await trackAccommodationScores(tx, { courseId: scope.courseId, userIds: students, assessmentIds: "all" }, async () => {
        for (const { row, grant } of resolved.grants) {
          try {
            results.push({ row, ...(await writeGrant(tx, scope, grant, { tracked: true })) });
          } catch (error) {
            // Something changed between the check and the write (a student removed): the whole file rolls back.
            failed = rowError(row, error);
            throw error;
          }
        }
      });
      return results;
    })
    .catch((error: unknown) => {
      if (failed) return null;
      throw error;
    });
  return applied ? { errors: [], applied } : { errors: [failed!], applied: [] };
}

/** An expected failure of one row's write as a row error; null for a bug (rethrown as it is). */
function rowError(row: number, error: unknown): CsvRowError | null {
  if (error instanceof z.ZodError) return { row, message: error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") };
  if (isAppError(error)) return { row, message: error.message };
  return null;
}

interface ResolvedRows {
  grants: Array<{ row: number; grant: z.output<typeof GrantInputSchema> }>;
  errors: CsvRowError[];
}

interface Lookups {
  byEmail: Map<string, StudentRef>;
  byId: Map<string, AssessmentRef>;
  byTitle: Map<string, AssessmentRef[]>;
}

function lookups(students: readonly StudentRef[], assessments: readonly AssessmentRef[]): Lookups {
  const byTitle = new Map<string, AssessmentRef[]>();
  for (const assessment of assessments) {
    const key = assessment.title.trim().toLowerCase();
    byTitle.set(key, [...(byTitle.get(key) ?? []), assessment]);
  }
  return { byEmail: new Map(students.map((student) => [student.email, student])), byId: new Map(assessments.map((assessment) => [assessment.id, assessment])), byTitle };
}

/** The row's student (by email) and assessment (by id, else by title; null for all), with why either is not found. */
function find(lookup: Lookups, email: string | undefined, name: string | null | undefined) {
  const problems: string[] = [];
  const student = email === undefined ? undefined : lookup.byEmail.get(email);
  if (email !== undefined && !student) problems.push(`no student with email ${email} in this course`);
  let assessment: AssessmentRef | null | undefined = name === null ? null : undefined;
  if (name) {
    const titled = lookup.byTitle.get(name.toLowerCase()) ?? [];
    assessment = lookup.byId.get(name.toLowerCase()) ?? (titled.length === 1 ? titled[0] : undefined);
    if (assessment === undefined) {
      problems.push(titled.length > 1 ? `assessment: ${titled.length} assessments are titled "${name}": name it by its id` : `assessment: no assessment "${name}" in this course`);
    }
  }
  return { student, assessment, problems };
}

function resolveRows(rows: readonly AccommodationCsvRow[], lookup: Lookups, timeZone: string): ResolvedRows {
  const result: ResolvedRows = { grants: [], errors: [] };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const { student, assessment = null, problems } = find(lookup, row.email, row.assessment);
    const found = row.assessment === null || assessment !== null;
    const dueProblem = found ? dueDateProblem(row.dueAt, assessment, timeZone) : null;
    if (dueProblem) problems.push(`due: ${dueProblem}`);
    if (student && found) {
      const key = `${student.id}/${assessment?.id ?? "*"}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${row.email} on ${assessment?.title ?? "all assessments"} is already on row ${first}`);
      else seen.set(key, row.row);
    }
    if (problems.length > 0) {
      result.errors.push({ row: row.row, message: problems.join("; ") });
      continue;
    }
    result.grants.push({
      row: row.row,
      grant: GrantInputSchema.parse({
        target: { userId: student!.id },
        assessmentId: assessment?.id ?? null,
        dueAt: row.dueAt,
        extraAttempts: row.extraAttempts,
        waiveLatePenalty: row.waiveLatePenalty,
        timeMultiplier: row.timeMultiplier,
        note: row.note,
      }),
    });
  }
  return result;
}

