import type { Db } from "../db";
import type { Course } from "../db/schema";
import type { Kind } from "../exercises/kinds";
import { topicRank } from "../exercises/topics";
import { getStudentProgress, type AssignmentProgress } from "./student-progress";
import { listCourseAssignments, policyOf } from "../courses/assignments";
import { deadlineState, type DeadlineState } from "../courses/deadline-state";
import { checkSubmissionWindow, type SubmissionWindow } from "../courses/deadlines";
import { applyAccommodation } from "../scoring/accommodation";
import { listStudentAccommodations } from "../scoring/student-accommodations";

export interface CourseAssignmentView {
  exerciseId: string;
  title: string;
  kind: Kind;
  difficulty: string;
  points: number;
  opensAt: Date | null;
  dueAt: Date | null;
  attemptLimit: number | null;
  /** Where the assignment stands against its due date now. */
  deadline: DeadlineState;
  /** Percentage lost per started day late (0 when late work is not accepted). */
  latePenaltyPerDay: number;
  lateCutoffAt: Date | null;
  window: SubmissionWindow;
  progress: AssignmentProgress;
}

export interface CourseTopicView {
  topic: string;
  assignments: CourseAssignmentView[];
}

/** What a member sees on a course page: assignments grouped by topic in course order, with their own progress. */
export async function getCourseOverview(db: Db, course: Course, userId: string, now = new Date()): Promise<CourseTopicView[]> {
  const [rows, granted] = await Promise.all([listCourseAssignments(db, course.id), listStudentAccommodations(db, course.id, userId)]);
  const withPolicy = rows.map((row) => ({ ...row, policy: applyAccommodation(policyOf(row.assessment), granted.get(row.assessment.id) ?? null) }));
  const progress = await getStudentProgress(
    db,
    userId,
    withPolicy.map((row) => ({ id: row.assignment.id, policy: row.policy })),
  );
  const topics = new Map<string, CourseAssignmentView[]>();
  for (const { assignment, exercise, policy } of withPolicy) {
    const own = progress.get(assignment.id) ?? { attemptsUsed: 0, score: null, status: "not_started" as const };
    const view: CourseAssignmentView = {
      exerciseId: exercise.id,
      title: exercise.title,
      kind: exercise.kind,
      difficulty: exercise.difficulty,
      points: assignment.points,
      opensAt: policy.opensAt,
      dueAt: policy.dueAt,
      attemptLimit: policy.attemptLimit,
      deadline: deadlineState(policy, now),
      latePenaltyPerDay: policy.latePolicy === "penalty" ? policy.latePenaltyPerDay : 0,
      lateCutoffAt: policy.latePolicy === "penalty" ? policy.lateCutoffAt : null,
      window: checkSubmissionWindow(policy, now, own.attemptsUsed, course.timeZone),
      progress: own,
    };
    topics.set(exercise.topic, [...(topics.get(exercise.topic) ?? []), view]);
  }
  return [...topics.entries()]
    .sort(([a], [b]) => topicRank(a) - topicRank(b) || a.localeCompare(b))
    .map(([topic, assignments]) => ({ topic, assignments }));
}

/** Open assignments the student has not solved whose deadline is still ahead, soonest first (at most `limit`). */
export function dueNext(assignments: readonly CourseAssignmentView[], limit = 3): CourseAssignmentView[] {
  return assignments
    .filter((a) => a.window.open && a.progress.status !== "solved" && a.deadline === "upcoming")
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())
    .slice(0, limit);
}

/** Unsolved assignments past their due date that still take late work, oldest deadline first. */
export function overdue(assignments: readonly CourseAssignmentView[]): CourseAssignmentView[] {
  return assignments
    .filter((a) => a.window.open && a.progress.status !== "solved" && a.deadline === "late")
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
}
