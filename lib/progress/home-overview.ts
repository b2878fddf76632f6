import { getSiteSummary, type SiteSummary } from "../admin/site-summary";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import type { User } from "../db/schema";
import { getCourseGradingQueue, type CourseGradingQueue } from "../courses/course-grading-queue";
import { dueNext, getCourseOverview, overdue, type CourseAssignmentView } from "./course-overview";
import { listCoursesForUser, type CourseMembership } from "../courses/courses";
import { countCourseMembers } from "../courses/members";

/** A student's course card: their own progress, what is due next and what is overdue but still takes late work. */
export interface StudentCourseSummary extends CourseMembership {
  view: "student";
  counts: { solved: number; attempted: number; notStarted: number };
  /** Open assignments not yet solved whose deadline is ahead, soonest first (at most three). */
  dueNext: CourseAssignmentView[];
  /** Past their deadline, not solved, late submissions still accepted. */
  overdue: CourseAssignmentView[];
}

/** An instructor's or TA's course card: the class, the next deadlines and the grading backlog. */
export interface StaffCourseSummary extends CourseMembership {
  view: "staff";
  students: number;
  assignments: number;
  /** The course's next deadlines, soonest first (at most three). */
  dueNext: CourseAssignmentView[];
  grading: CourseGradingQueue;
}

export type CourseSummary = StudentCourseSummary | StaffCourseSummary;

export interface HomeOverview {
  courses: CourseSummary[];
  /** Only for site admins. */
  site: SiteSummary | null;
}

/** The signed-in user's home: each course summarised for their role in it, and the site for an admin. */
export async function getHomeOverview(db: Db, user: Pick<User, "id" | "isAdmin">, now = new Date()): Promise<HomeOverview> {
  const memberships = await listCoursesForUser(db, user.id);
  const [courses, site] = await Promise.all([
    Promise.all(memberships.map((membership) => summarizeCourse(db, membership, user.id, now))),
    can(user, "administer-site") ? getSiteSummary(db, now) : null,
  ]);
  return { courses, site };
}

async function summarizeCourse(db: Db, membership: CourseMembership, userId: string, now: Date): Promise<CourseSummary> {
  const assignments = (await getCourseOverview(db, membership.course, userId, now)).flatMap((topic) => topic.assignments);
  if (can(membership, "view-dashboard")) {
    const [members, grading] = await Promise.all([countCourseMembers(db, membership.course.id), getCourseGradingQueue(db, membership.course.id)]);
    const upcoming = assignments
      .filter((a) => a.deadline === "upcoming")
      .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
      .slice(0, 3);
    return { ...membership, view: "staff", students: members.student, assignments: assignments.length, dueNext: upcoming, grading };
  }
  const count = (status: string) => assignments.filter((a) => a.progress.status === status).length;
  return {
    ...membership,
    view: "student",
    counts: { solved: count("solved"), attempted: count("attempted"), notStarted: count("not_started") },
    dueNext: dueNext(assignments),
    overdue: overdue(assignments),
  };
}
