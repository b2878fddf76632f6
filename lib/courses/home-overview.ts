import type { Db } from "../db";
import { getCourseOverview, type CourseAssignmentView } from "./course-overview";
import { listCoursesForUser, type CourseMembership } from "./courses";

export interface CourseSummary extends CourseMembership {
  counts: { solved: number; attempted: number; notStarted: number };
  /** Open assignments not yet solved, soonest deadline first (at most three). */
  dueNext: CourseAssignmentView[];
}

/** The signed-in user's courses with their progress and what is due next. */
export async function getHomeOverview(db: Db, userId: string, now = new Date()): Promise<CourseSummary[]> {
  const memberships = await listCoursesForUser(db, userId);
  return Promise.all(
    memberships.map(async (membership) => {
      const assignments = (await getCourseOverview(db, membership.course, userId, now)).flatMap((topic) => topic.assignments);
      const count = (status: string) => assignments.filter((a) => a.progress.status === status).length;
      const dueNext = assignments
        .filter((a) => a.window.open && a.progress.status !== "solved" && a.dueAt !== null)
        .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
        .slice(0, 3);
      return { ...membership, counts: { solved: count("solved"), attempted: count("attempted"), notStarted: count("not_started") }, dueNext };
    }),
  );
}
