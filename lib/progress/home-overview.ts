import { getSiteSummary, type SiteSummary } from "../admin/site-summary";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import type { User } from "../db/schema";
import { getCourseGradingQueue, type CourseGradingQueue } from "../courses/course-grading-queue";
import { dueNext, getCourseOverview, overdue, type AssessmentView } from "./course-overview";
import { listCoursesForUser, type CourseMembership } from "../courses/courses";
import { countCourseMembers } from "../courses/members";

/** A student's course card: their own progress, what is due next and what is overdue but still takes late work. */
export interface StudentCourseSummary extends CourseMembership {
  view: "student";
  /** Over every exercise of every assessment. */
  counts: { solved: number; attempted: number; notStarted: number };
  /** Assessments with work left whose (own) due date is ahead, soonest first (at most three). */
  dueNext: AssessmentView[];
  /** Assessments with work left past their (own) due date that still take late work. */
  overdue: AssessmentView[];
}

/** An instructor's or TA's course card: the class, the next deadlines and the grading backlog. */
export interface StaffCourseSummary extends CourseMembership {
  view: "staff";
  students: number;
  assessments: number;
  /** The course's next deadlines, by assessment, soonest first (at most three). */
  dueNext: AssessmentView[];
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
  const staff = can(membership, "view-dashboard");
  const assessments = await getCourseOverview(db, membership.course, userId, now, { seeAll: staff });
  if (staff) {
    const [members, grading] = await Promise.all([countCourseMembers(db, membership.course.id), getCourseGradingQueue(db, membership.course.id)]);
    const upcoming = assessments
      .filter((a) => a.dueAt !== null && (a.state === "upcoming" || a.state === "not_open"))
      .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
      .slice(0, 3);
    return { ...membership, view: "staff", students: members.student, assessments: assessments.length, dueNext: upcoming, grading };
  }
  const exercises = assessments.flatMap((assessment) => assessment.exercises);
  const count = (status: string) => exercises.filter((exercise) => exercise.progress.status === status).length;
  return {
    ...membership,
    view: "student",
    // Work whose score is held back (release policy) counts as attempted: "solved" would tell the score.
    counts: { solved: count("solved"), attempted: count("attempted") + count("submitted"), notStarted: count("not_started") },
    dueNext: dueNext(assessments),
    overdue: overdue(assessments),
  };
}
