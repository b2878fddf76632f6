import { z } from "zod";
import type { Db } from "../db";
import type { Course, CourseRole } from "../db/schema";
import { findMembership } from "../courses/courses";
import { countingScore } from "../scoring/late-policy";
import { attemptScore } from "../scoring/attempt-score";
import { findUserById } from "../users/users";
import { getCourseScope, policyFor } from "./scope";
import { getStudentAttempts, listStudentAttemptScores, STUDENT_ATTEMPTS_PER_PAGE, type StudentAttempt } from "./student-attempts";

export interface StudentReport {
  student: { id: string; name: string; email: string; role: CourseRole };
  timeZone: string;
  /** The page of attempts shown (1-based), of `pageCount`, over `attemptCount` attempts in all, oldest first. */
  page: number;
  pageCount: number;
  attemptCount: number;
  /** One per assignment (an exercise of an assessment; an exercise may sit in several), in course order. */
  assignments: Array<{
    assignmentId: string;
    exerciseId: string;
    title: string;
    assessmentId: string;
    assessmentTitle: string;
    /** "Assessment: Exercise", or the exercise's title alone when the assessment is named after it. */
    label: string;
    points: number;
    dueAt: Date | null;
    counted: number | null;
    /** Attempts of every page. */
    attemptCount: number;
    /** This page's attempts, each with its number among the assignment's attempts. */
    attempts: Array<StudentAttempt & { number: number }>;
  }>;
}

/**
 * One member's attempts on every assignment of the course, for its staff, `STUDENT_ATTEMPTS_PER_PAGE`
 * at a time (counted scores always over every attempt); null when the user is not a member.
 */
export async function findStudentReport(db: Db, course: Course, userId: string, page = 1): Promise<StudentReport | null> {
  if (!z.uuid().safeParse(userId).success) return null;
  const [membership, user] = await Promise.all([findMembership(db, course.id, userId), findUserById(db, userId)]);
  if (!membership || !user) return null;
  const scope = await getCourseScope(db, course);
  const scores = await listStudentAttemptScores(db, scope, userId);
  const pageCount = Math.max(1, Math.ceil(scores.length / STUDENT_ATTEMPTS_PER_PAGE));
  const shownPage = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const attempts = await getStudentAttempts(db, scope, userId, { offset: (shownPage - 1) * STUDENT_ATTEMPTS_PER_PAGE, limit: STUDENT_ATTEMPTS_PER_PAGE });
  const numbers = new Map<string, number>();
  const perAssignment = new Map<string | null, number>();
  for (const attempt of scores) {
    const number = (perAssignment.get(attempt.assignmentId) ?? 0) + 1;
    perAssignment.set(attempt.assignmentId, number);
    numbers.set(attempt.id, number);
  }
  return {
    student: { id: user.id, name: user.name, email: user.email, role: membership.role },
    timeZone: course.timeZone,
    page: shownPage,
    pageCount,
    attemptCount: scores.length,
    assignments: scope.assignments.map((assignment) => {
      const all = scores.filter((attempt) => attempt.assignmentId === assignment.id);
      const policy = policyFor(scope, assignment, userId);
      return {
        assignmentId: assignment.id,
        exerciseId: assignment.exerciseId,
        title: assignment.title,
        assessmentId: assignment.assessmentId,
        assessmentTitle: assignment.assessmentTitle,
        label: assignment.assessmentTitle === assignment.title ? assignment.title : `${assignment.assessmentTitle}: ${assignment.title}`,
        points: assignment.points,
        dueAt: policy.dueAt,
        counted: countingScore(
          policy,
          all.map((attempt) => ({ submittedAt: attempt.createdAt, score: attemptScore(attempt) })),
        ),
        attemptCount: all.length,
        attempts: attempts.filter((attempt) => attempt.assignmentId === assignment.id).map((attempt) => ({ ...attempt, number: numbers.get(attempt.id) ?? 0 })),
      };
    }),
  };
}
