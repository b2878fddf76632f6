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

/** Everything the class dashboard shows; the queries after the scope run side by side. */
export async function getClassDashboard(db: Db, course: Course, pickFailures?: (scope: CourseScope) => readonly string[]): Promise<ClassDashboard> {
  const scope = await getCourseScope(db, course);
  const known = new Set(scope.assignments.map((assignment) => assignment.id));
  const failureIds = pickFailures ? pickFailures(scope).filter((id) => known.has(id)) : [...known];
  const [matrix, opens, failures, overTime] = await Promise.all([
    getClassMatrix(db, scope),
    getFirstOpens(db, scope),
    getFailingTests(db, course.id, failureIds),
    getSubmissionsOverTime(db, scope),
  ]);
  return { scope, matrix, summaries: summarizeAssignments(scope, matrix, opens), failures, overTime };
}
