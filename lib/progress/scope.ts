import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { assignments, enrolments, users, type Course } from "../db/schema";
import { listCourseAssignments, policyOf } from "../courses/assignments";
import type { AssignmentPolicy } from "../courses/deadlines";
import { applyAccommodation, type Accommodation } from "../scoring/accommodation";
import { listCourseAccommodations } from "../scoring/student-accommodations";

export interface ScopeStudent {
  id: string;
  email: string;
  name: string;
}

export interface ScopeAssignment {
  id: string;
  assessmentId: string;
  assessmentTitle: string;
  exerciseId: string;
  title: string;
  topic: string;
  points: number;
  /** The assessment's own policy; a student's is policyFor(scope, …). */
  policy: AssignmentPolicy;
}

/** Who and what a course's dashboard covers: its students (role student) and its assignments, in course order. */
export interface CourseScope {
  course: Pick<Course, "id" | "slug" | "title" | "timeZone">;
  students: ScopeStudent[];
  assignments: ScopeAssignment[];
  /** userId → assessmentId → what the student is granted (absent: nothing). */
  accommodations: Map<string, Map<string, Accommodation>>;
}

/** The students and assignments of a course, the frame every dashboard query works within. */
export async function getCourseScope(db: Db, course: Course): Promise<CourseScope> {
  const [students, rows, accommodations] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(and(eq(enrolments.courseId, course.id), eq(enrolments.role, "student")))
      .orderBy(asc(users.name), asc(users.email)),
    listCourseAssignments(db, course.id),
    listCourseAccommodations(db, course.id),
  ]);
  return {
    course: { id: course.id, slug: course.slug, title: course.title, timeZone: course.timeZone },
    students,
    accommodations,
    assignments: rows.map(({ assignment, exercise, assessment }) => ({
      id: assignment.id,
      assessmentId: assessment.id,
      assessmentTitle: assessment.title,
      exerciseId: exercise.id,
      title: exercise.title,
      topic: exercise.topic,
      points: assignment.points,
      policy: policyOf(assessment),
    })),
  };
}

/** The policy of an assignment in scope as it binds one student (with their accommodations). */
export function policyFor(scope: CourseScope, assignment: ScopeAssignment, userId: string): AssignmentPolicy {
  return applyAccommodation(assignment.policy, scope.accommodations.get(userId)?.get(assignment.assessmentId) ?? null);
}

/** The ids of the course's assignments in scope. */
export function scopeAssignmentIds(scope: CourseScope): string[] {
  return scope.assignments.map((assignment) => assignment.id);
}

/** The condition every course-wide query starts from: this course's assignments, read one at a time by index. */
export function isScopeAssignment(scope: CourseScope) {
  return and(eq(assignments.courseId, scope.course.id), inArray(assignments.id, scopeAssignmentIds(scope)));
}
