import type { Db } from "../db";
import type { Course } from "../db/schema";
import type { AssignmentSummary } from "./assignment-stats";
import { getClassDashboard } from "./class-dashboard";
import { totalPoints } from "../scoring/points";
import type { CellStatus, ClassMatrix } from "./class-matrix";
import type { CourseScope, ScopeAssignment } from "./scope";
import type { AssignmentFailures } from "./failing-tests";
import { groupByAssessment, summarizeAssessmentProgress, type AssessmentProgress } from "./assessment-progress";

export interface HeatmapCell {
  score: number | null;
  points: number | null;
  status: CellStatus;
  attempts: number;
}

export interface FailingBar {
  label: string;
  share: number;
  failing: number;
  tested: number;
}

/** An assignment's figures with the name the dashboard gives it (see assignmentLabels). */
export type LabelledSummary = AssignmentSummary & { label: string };

export interface DashboardPageData {
  /** One per assignment (an exercise of an assessment); `label` names the assessment too when the exercise sits in several. */
  columns: Array<{ id: string; exerciseId: string; title: string; label: string; points: number; assessmentId: string }>;
  /** The heatmap's column groups: one per assessment, over its exercises' columns, in order. */
  groups: Array<{ assessmentId: string; title: string; span: number; points: number }>;
  /** Per assessment: students done, started, not started. */
  assessments: AssessmentProgress[];
  rows: Array<{ userId: string; name: string; email: string; cells: HeatmapCell[]; total: number }>;
  summaries: LabelledSummary[];
  selected: { summary: LabelledSummary; failures: AssignmentFailures; failingBars: FailingBar[] } | null;
  overTime: Array<{ day: string; total: number; selected: number }>;
}

/** "no-bias-correction" → "no bias correction". */
export function readableTag(tag: string | null): string {
  return tag ? tag.replace(/[-_]+/g, " ") : "no misconception tag";
}

const MAX_BARS = 12;

/** The assignment a student submitted to last (the first one when nobody has submitted): where the dashboard opens. */
export function mostRecentlyActive(scope: CourseScope, matrix: ClassMatrix): ScopeAssignment | undefined {
  let best: { assignment: ScopeAssignment; at: number } | undefined;
  for (const assignment of scope.assignments) {
    for (const cell of matrix.get(assignment.id)?.values() ?? []) {
      if (!best || cell.lastSubmittedAt.getTime() > best.at) best = { assignment, at: cell.lastSubmittedAt.getTime() };
    }
  }
  return best?.assignment ?? scope.assignments[0];
}

/**
 * The assignment `?assignment=` picks: by assignment id, or (old links) by exercise id, the exercise's first
 * assignment in course order; else the one a student submitted to last.
 */
export function pickAssignment(scope: CourseScope, matrix: ClassMatrix, wanted?: string): ScopeAssignment | undefined {
  const chosen = wanted ? (scope.assignments.find((assignment) => assignment.id === wanted) ?? scope.assignments.find((assignment) => assignment.exerciseId === wanted)) : undefined;
  return chosen ?? mostRecentlyActive(scope, matrix);
}

/** Each assignment's name on the dashboard: the exercise's title, as "Assessment: Exercise" when the exercise sits in several assessments. */
export function assignmentLabels(assignments: readonly Pick<ScopeAssignment, "id" | "exerciseId" | "title" | "assessmentTitle">[]): Map<string, string> {
  const placements = new Map<string, number>();
  for (const { exerciseId } of assignments) placements.set(exerciseId, (placements.get(exerciseId) ?? 0) + 1);
  return new Map(assignments.map((assignment) => [assignment.id, placements.get(assignment.exerciseId)! > 1 ? `${assignment.assessmentTitle}: ${assignment.title}` : assignment.title]));
}

/**
 * The dashboard's data shaped for the page: heatmap rows, per-assignment figures, and the chosen assignment's
 * detail. `wanted` is an assignment id (an exercise id from an old link also works: its first assignment).
 */
export async function getDashboardPageData(db: Db, course: Course, wanted?: string): Promise<DashboardPageData> {
  let selectedId: string | undefined;
  const dashboard = await getClassDashboard(db, course, (scope, matrix) => {
    selectedId = pickAssignment(scope, matrix, wanted)?.id;
    return selectedId ? [selectedId] : [];
  });
  const { scope, matrix, summaries, failures, overTime } = dashboard;
  const rows = scope.students.map((student) => {
    const cells = scope.assignments.map((assignment): HeatmapCell => {
      const cell = matrix.get(assignment.id)?.get(student.id);
      return cell ? { score: cell.score, points: cell.points, status: cell.status, attempts: cell.attempts } : { score: null, points: null, status: "not_started", attempts: 0 };
    });
    return { userId: student.id, name: student.name, email: student.email, cells, total: totalPoints(cells.map((cell) => cell.points)) };
  });
  const labels = assignmentLabels(scope.assignments);
  const labelled = summaries.map((entry) => ({ ...entry, label: labels.get(entry.assignmentId) ?? entry.title }));
  const summary = labelled.find((entry) => entry.assignmentId === selectedId);
  const failure = selectedId ? failures.get(selectedId) : undefined;
  return {
    columns: scope.assignments.map(({ id, exerciseId, title, points, assessmentId }) => ({ id, exerciseId, title, label: labels.get(id)!, points, assessmentId })),
    groups: groupByAssessment(scope).map(({ assessmentId, title, assignments }) => ({
      assessmentId,
      title,
      span: assignments.length,
      points: assignments.reduce((sum, assignment) => sum + assignment.points, 0),
    })),
    assessments: summarizeAssessmentProgress(scope, matrix),
    rows,
    summaries: labelled,
    selected:
      summary && failure
        ? {
            summary,
            failures: failure,
            failingBars: failure.tests.slice(0, MAX_BARS).map((test) => ({
              label: `${Math.round(test.share * 100)}% — ${readableTag(test.misconception)} (${test.name})`,
              share: test.share,
              failing: test.failing,
              tested: test.tested,
            })),
          }
        : null,
    overTime: overTime.map((day) => ({ day: day.day, total: day.total, selected: selectedId ? (day.byAssignment[selectedId] ?? 0) : 0 })),
  };
}
