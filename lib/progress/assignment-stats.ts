import { inArray } from "drizzle-orm";
import type { Db } from "../db";
import { assignmentOpens } from "../db/schema";
import type { ClassMatrix } from "./class-matrix";
import { scopeAssignmentIds, type CourseScope } from "./scope";

export interface Bucket {
  label: string;
  students: number;
}

/** One assignment's figures, drawn from the class matrix (and first-open times). */
export interface AssignmentSummary {
  assignmentId: string;
  exerciseId: string;
  title: string;
  points: number;
  students: number;
  attempted: number;
  solved: number;
  /** solved / students, 0..1. */
  solvedShare: number;
  medianAttempts: number | null;
  /** Students by number of attempts (1, 2, …, 9, 10+), among those who attempted. */
  attemptsDistribution: Bucket[];
  /** Students by counted score (0–9 %, …, 90–99 %, 100 %), among those with a graded attempt. */
  scoreDistribution: Bucket[];
  /** Median time from first opening the assignment to the first full-marks attempt, in seconds. */
  medianSecondsToFullMarks: number | null;
  /** How many of those times started from the first submission because no first-open time was recorded. */
  timesFromFirstSubmission: number;
  timesMeasured: number;
}

export type FirstOpens = Map<string, Map<string, Date>>;

/** When each student first opened each assignment's page (assignmentId → userId → time). */
export async function getFirstOpens(db: Db, scope: CourseScope): Promise<FirstOpens> {
  const opens: FirstOpens = new Map();
  if (scope.assignments.length === 0) return opens;
  const rows = await firstOpensQuery(db, scope);
  for (const row of rows) {
    if (!opens.has(row.assignmentId)) opens.set(row.assignmentId, new Map());
    opens.get(row.assignmentId)!.set(row.userId, row.firstOpenedAt);
  }
  return opens;
}

export function firstOpensQuery(db: Db, scope: CourseScope) {
  return db
    .select()
    .from(assignmentOpens)
    .where(
      inArray(
        assignmentOpens.assignmentId,
        scopeAssignmentIds(scope),
      ),
    );
}

const ATTEMPT_BUCKETS = 10;
const SCORE_BUCKETS = 11;

/** Per-assignment figures for every assignment of the scope. */
export function summarizeAssignments(scope: CourseScope, matrix: ClassMatrix, opens: FirstOpens): AssignmentSummary[] {
  const studentIds = new Set(scope.students.map((student) => student.id));
  return scope.assignments.map((assignment) => {
    const cells = [...(matrix.get(assignment.id) ?? new Map()).entries()].filter(([userId]) => studentIds.has(userId)).map(([userId, cell]) => ({ userId, ...cell }));
    const attempts = Array.from({ length: ATTEMPT_BUCKETS }, (_, i) => ({ label: i === ATTEMPT_BUCKETS - 1 ? `${i + 1}+` : String(i + 1), students: 0 }));
    const scores = Array.from({ length: SCORE_BUCKETS }, (_, i) => ({ label: i === SCORE_BUCKETS - 1 ? "100 %" : `${i * 10}–${i * 10 + 9} %`, students: 0 }));
    const seconds: number[] = [];
    let fromFirstSubmission = 0;
    for (const cell of cells) {
      attempts[Math.min(cell.attempts, ATTEMPT_BUCKETS) - 1]!.students++;
      if (cell.score !== null) scores[Math.min(Math.floor(Math.floor(cell.score * 100 + 1e-9) / 10), SCORE_BUCKETS - 1)]!.students++;
      if (cell.firstFullMarksAt) {
        const opened = opens.get(assignment.id)?.get(cell.userId);
        if (!opened) fromFirstSubmission++;
        const start = opened && opened < cell.firstSubmittedAt ? opened : cell.firstSubmittedAt;
        seconds.push(Math.max(0, (cell.firstFullMarksAt.getTime() - start.getTime()) / 1000));
      }
    }
    const solved = cells.filter((cell) => cell.status === "solved").length;
    return {
      assignmentId: assignment.id,
      exerciseId: assignment.exerciseId,
      title: assignment.title,
      points: assignment.points,
      students: scope.students.length,
      attempted: cells.length,
      solved,
      solvedShare: scope.students.length === 0 ? 0 : solved / scope.students.length,
      medianAttempts: median(cells.map((cell) => cell.attempts)),
      attemptsDistribution: attempts,
      scoreDistribution: scores,
      medianSecondsToFullMarks: median(seconds),
      timesFromFirstSubmission: fromFirstSubmission,
      timesMeasured: seconds.length,
    };
  });
}

/** The median (mean of the middle two for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
