import { z } from "zod";
import type { Db } from "../db";
import type { Course, CourseRole } from "../db/schema";
import { findMembership } from "../courses/courses";
import { countingScore } from "../courses/deadlines";
import { findUserById } from "../users/users";
import { getCourseScope } from "./scope";
import { getStudentAttempts, type StudentAttempt } from "./student-attempts";

export interface StudentReport {
  student: { id: string; name: string; email: string; role: CourseRole };
  timeZone: string;
  assignments: Array<{ exerciseId: string; title: string; points: number; dueAt: Date | null; counted: number | null; attempts: StudentAttempt[] }>;
}

/** One member's attempts on every assignment of the course, for its staff; null when the user is not a member. */
export async function findStudentReport(db: Db, course: Course, userId: string): Promise<StudentReport | null> {
  if (!z.uuid().safeParse(userId).success) return null;
  const [membership, user] = await Promise.all([findMembership(db, course.id, userId), findUserById(db, userId)]);
  if (!membership || !user) return null;
  const scope = await getCourseScope(db, course);
  const attempts = await getStudentAttempts(db, scope, userId);
  return {
    student: { id: user.id, name: user.name, email: user.email, role: membership.role },
    timeZone: course.timeZone,
    assignments: scope.assignments.map((assignment) => {
      const own = attempts.filter((attempt) => attempt.assignmentId === assignment.id);
      return {
        exerciseId: assignment.exerciseId,
        title: assignment.title,
        points: assignment.points,
        dueAt: assignment.policy.dueAt,
        counted: countingScore(
          assignment.policy,
          own.map((attempt) => ({ submittedAt: attempt.createdAt, score: attempt.score })),
        ),
        attempts: own,
      };
    }),
  };
}
