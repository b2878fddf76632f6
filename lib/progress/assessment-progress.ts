import type { ClassMatrix } from "./class-matrix";
import type { CourseScope, ScopeAssignment } from "./scope";

/** How far the class is with one assessment: who has submitted to every exercise of it, to some, to none. */
export interface AssessmentProgress {
  assessmentId: string;
  title: string;
  exercises: number;
  points: number;
  students: number;
  /** Students with a Submit on every exercise of the assessment. */
  done: number;
  /** Students with a Submit on some of its exercises, not all. */
  started: number;
  notStarted: number;
}

/** The scope's assignments grouped by assessment, in course order (the scope lists an assessment's exercises together). */
export function groupByAssessment(scope: Pick<CourseScope, "assignments">): Array<{ assessmentId: string; title: string; assignments: ScopeAssignment[] }> {
  const groups: Array<{ assessmentId: string; title: string; assignments: ScopeAssignment[] }> = [];
  for (const assignment of scope.assignments) {
    const last = groups.at(-1);
    if (last?.assessmentId === assignment.assessmentId) last.assignments.push(assignment);
    else groups.push({ assessmentId: assignment.assessmentId, title: assignment.assessmentTitle, assignments: [assignment] });
  }
  return groups;
}

/** Per assessment, the students done, started and not started, read off the class matrix (no query of its own). */
export function summarizeAssessmentProgress(scope: Pick<CourseScope, "assignments" | "students">, matrix: ClassMatrix): AssessmentProgress[] {
  return groupByAssessment(scope).map(({ assessmentId, title, assignments }) => {
    let done = 0;
    let started = 0;
    for (const student of scope.students) {
      const submitted = assignments.filter((assignment) => matrix.get(assignment.id)?.has(student.id)).length;
      if (submitted === assignments.length) done += 1;
      else if (submitted > 0) started += 1;
    }
    return {
      assessmentId,
      title,
      exercises: assignments.length,
      points: assignments.reduce((sum, assignment) => sum + assignment.points, 0),
      students: scope.students.length,
      done,
      started,
      notStarted: scope.students.length - done - started,
    };
  });
}
