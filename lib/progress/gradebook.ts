import type { CsvValue } from "./csv";
import { totalPoints } from "../scoring/points";
import type { ClassMatrix } from "./class-matrix";
import type { CourseScope } from "./scope";

/**
 * The gradebook: one row per student (email, name, counted points per assignment, total). A cell is
 * empty when the student has no graded attempt; the total counts it as 0.
 */
export function buildGradebook(scope: CourseScope, matrix: ClassMatrix): CsvValue[][] {
  const header: CsvValue[] = ["email", "name", ...scope.assignments.map((assignment) => `${assignment.exerciseId} (${assignment.points})`), `total (${scope.assignments.reduce((sum, a) => sum + a.points, 0)})`];
  const rows = scope.students.map((student) => {
    const points = scope.assignments.map((assignment) => matrix.get(assignment.id)?.get(student.id)?.points ?? null);
    return [student.email, student.name, ...points, totalPoints(points)];
  });
  return [header, ...rows];
}
