import type { Db } from "../db";
import { firstOpensQuery } from "./assignment-stats";
import { classMatrixQuery } from "./class-matrix";
import { failingTestsQuery } from "./failing-tests";
import { scopeAssignmentIds, type CourseScope } from "./scope";
import { attemptTestsQuery, studentSubmissionsQuery } from "./student-attempts";
import { submissionExportQuery } from "./submission-export";
import { submissionsOverTimeQuery } from "./submissions-over-time";

export interface DashboardQuerySample {
  /** A student of the course, for the per-student queries. */
  userId: string;
  /** One assignment, as the dashboard shows one assignment's failing tests at a time. */
  assignmentId: string;
  /** Some of that student's submissions, for the test-results query of the per-student page. */
  submissionIds: string[];
}

/** Every query behind the dashboard, the per-student page and the exports, unexecuted (for EXPLAIN and benchmarks). */
export function dashboardQueries(db: Db, scope: CourseScope, sample: DashboardQuerySample) {
  return {
    classMatrix: classMatrixQuery(db, scope),
    firstOpens: firstOpensQuery(db, scope),
    failingTestsOneAssignment: failingTestsQuery(db, scope.course.id, [sample.assignmentId]),
    failingTestsAllAssignments: failingTestsQuery(
      db,
      scope.course.id,
      scopeAssignmentIds(scope),
    ),
    submissionsOverTime: submissionsOverTimeQuery(db, scope),
    studentSubmissions: studentSubmissionsQuery(db, scope, sample.userId),
    studentTestResults: attemptTestsQuery(db, sample.submissionIds),
    submissionExport: submissionExportQuery(db, scope),
  };
}
