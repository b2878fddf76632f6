import type { Db } from "../db";
import type { Course } from "../db/schema";
import { getFirstOpens, summarizeAssignments, type AssignmentSummary } from "./assignment-stats";
import { getClassMatrix, type ClassMatrix } from "./class-matrix";
import { getFailingTests, type AssignmentFailures } from "./failing-tests";
import { getCourseScope, type CourseScope } from "./scope";
import { getSubmissionsOverTime, type DailyCount } from "./submissions-over-time";

export interface ClassDashboard {
  scope: CourseScope;
  matrix: ClassMatrix;
  summaries: AssignmentSummary[];
  /** Failing hidden tests of the assignments picked (all when no picker is given). */
  failures: Map<string, AssignmentFailures>;
  overTime: DailyCount[];
}

/**
 * Everything the class dashboard shows; the queries after the scope run side by side, but for the failing
 * tests, which wait for the matrix when the picker needs it (to pick an assignment with activity).
 */
export async function getClassDashboard(
  db: Db,
  course: Course,
  pickFailures?: (scope: CourseScope, matrix: ClassMatrix) => readonly string[],
): Promise<ClassDashboard> {
  const scope = await getCourseScope(db, course);
  const known = new Set(scope.assignments.map((assignment) => assignment.id));
  const matrixQuery = getClassMatrix(db, scope);
  const failuresQuery = matrixQuery.then((matrix) =>
    getFailingTests(db, course.id, pickFailures ? pickFailures(scope, matrix).filter((id) => known.has(id)) : [...known]),
  );
  const [matrix, opens, failures, overTime] = await Promise.all([matrixQuery, getFirstOpens(db, scope), failuresQuery, getSubmissionsOverTime(db, scope)]);
  return { scope, matrix, summaries: summarizeAssignments(scope, matrix, opens), failures, overTime };
}
