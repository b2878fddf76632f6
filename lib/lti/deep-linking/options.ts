import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { courses, ltiContexts } from "../../db/schema";
import { can } from "../../auth/permissions";
import { listCoursesForUser } from "../../courses/courses";
import { listCourseAssessments } from "../../courses/assessments";
import { totalPoints } from "../../scoring/points";
import type { DeepLinkRequest } from "./request";

/** One exercise of an assessment, placeable alone (its assignment). */
export interface ExerciseOption {
  assignmentId: string;
  title: string;
  points: number;
}

/** An assessment worth `points` (the sum of its exercises' points). */
export interface AssessmentOption {
  id: string;
  title: string;
  points: number;
  exercises: ExerciseOption[];
}

export interface CourseOption {
  id: string;
  slug: string;
  title: string;
  assessments: AssessmentOption[];
}

/** What the instructor may place from this request, and the Tensorgrade course the LMS course is tied to, if any. */
export interface DeepLinkOptions {
  courses: CourseOption[];
  /** The LMS course is linked to this course already: only it is offered. */
  linkedCourse: { id: string; title: string } | null;
}

/** A course's assessments with their exercises and points, in course order. */
export async function courseOption(db: Db, course: { id: string; slug: string; title: string }): Promise<CourseOption> {
  const assessments = await listCourseAssessments(db, course.id);
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    assessments: assessments.map(({ assessment, items }) => ({
      id: assessment.id,
      title: assessment.title,
      points: totalPoints(items.map((item) => item.assignment.points)),
      exercises: items.map((item) => ({ assignmentId: item.assignment.id, title: item.exercise.title, points: item.assignment.points })),
    })),
  };
}

/** The LMS context's linked course, or null (no context, or not linked yet). */
export async function linkedCourseOf(db: Db, contextRowId: string | null): Promise<{ id: string; title: string } | null> {
  if (!contextRowId) return null;
  const [row] = await db
    .select({ id: courses.id, title: courses.title })
    .from(ltiContexts)
    .innerJoin(courses, eq(courses.id, ltiContexts.courseId))
    .where(eq(ltiContexts.id, contextRowId))
    .limit(1);
  return row ?? null;
}

/**
 * The courses the request's user may place from ("link-lms"), each with its assessments: only the
 * linked course when the LMS course is linked to one (and none when they may not link that one).
 */
export async function deepLinkOptions(db: Db, request: Pick<DeepLinkRequest, "userId" | "contextRowId">): Promise<DeepLinkOptions> {
  const linkedCourse = await linkedCourseOf(db, request.contextRowId);
  const memberships = (await listCoursesForUser(db, request.userId)).filter(
    (membership) => can(membership, "link-lms") && (linkedCourse === null || membership.course.id === linkedCourse.id),
  );
  const options = await Promise.all(memberships.map(({ course }) => courseOption(db, course)));
  return { courses: options, linkedCourse };
}
