import { and, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db";
import { assessments, assignments, exercises, ltiContexts, ltiGradePassbacks, ltiResourceLinks, users, type Assessment } from "../../db/schema";
import { policyOf } from "../../courses/assessments";
import { applyAccommodation } from "../../scoring/accommodation";
import { scoresReleased } from "../../scoring/release";
import { listCourseAccommodations } from "../../scoring/student-accommodations";
import { queuePassbacks } from "./targets";

/** A passback as staff read it: "waiting" is a pending one whose scores are not released to the student yet. */
export type PassbackState = "pending" | "waiting" | "sent" | "failed";

export interface PassbackRow {
  userId: string;
  name: string;
  email: string;
  state: PassbackState;
  scoreGiven: number | null;
  scoreMaximum: number | null;
  attempts: number;
  /** The platform's reason for the last failure. */
  lastError: string | null;
  /** The last attempt (or queuing) and the last success. */
  updatedAt: Date;
  sentAt: Date | null;
}

/** One LMS placement (resource link) of an assessment or exercise of the course, with its students' passbacks. */
export interface Placement {
  id: string;
  /** The LMS's name of the link and of the LMS course. */
  title: string;
  lmsCourse: string;
  /** The assessment, or "assessment › exercise", it opens. */
  target: string;
  lineItemUrl: string | null;
  rows: PassbackRow[];
}

/** The course's LMS placements and their passbacks, students by name. */
export async function listCoursePlacements(db: Db, courseId: string, now = new Date()): Promise<Placement[]> {
  const itemAssessment = alias(assessments, "item_assessment");
  const links = await db
    .select({ link: ltiResourceLinks, lmsCourse: ltiContexts.title, assessment: assessments, itemAssessment, exerciseTitle: exercises.title })
    .from(ltiResourceLinks)
    .innerJoin(ltiContexts, eq(ltiContexts.id, ltiResourceLinks.contextRowId))
    .leftJoin(assessments, eq(assessments.id, ltiResourceLinks.assessmentId))
    .leftJoin(assignments, eq(assignments.id, ltiResourceLinks.assignmentId))
    .leftJoin(itemAssessment, eq(itemAssessment.id, assignments.assessmentId))
    .leftJoin(exercises, eq(exercises.id, assignments.exerciseId))
    .where(ofCourse(courseId))
    .orderBy(asc(ltiContexts.title), asc(ltiResourceLinks.title), asc(ltiResourceLinks.createdAt));
  if (links.length === 0) return [];
  const [rows, grants] = await Promise.all([
    db
      .select({ passback: ltiGradePassbacks, name: users.name, email: users.email })
      .from(ltiGradePassbacks)
      .innerJoin(users, eq(users.id, ltiGradePassbacks.userId))
      .where(inArray(ltiGradePassbacks.resourceLinkRowId, links.map(({ link }) => link.id)))
      .orderBy(asc(users.name), asc(users.email)),
    listCourseAccommodations(db, courseId),
  ]);
  return links.map(({ link, lmsCourse, assessment, itemAssessment: parent, exerciseTitle }) => {
    const owner = assessment ?? parent;
    const released = (userId: string) => !owner || isReleased(owner, grants.get(userId)?.get(owner.id) ?? null, now);
    return {
      id: link.id,
      title: link.title,
      lmsCourse,
      target: assessment ? assessment.title : `${parent?.title ?? "?"} › ${exerciseTitle ?? "?"}`,
      lineItemUrl: link.lineItemUrl,
      rows: rows
        .filter((row) => row.passback.resourceLinkRowId === link.id)
        .map(({ passback, name, email }) => ({
          userId: passback.userId,
          name,
          email,
          state: passback.status === "pending" && !released(passback.userId) ? "waiting" : passback.status,
          scoreGiven: passback.scoreGiven,
          scoreMaximum: passback.scoreMaximum,
          attempts: passback.attempts,
          lastError: passback.lastError,
          updatedAt: passback.updatedAt,
          sentAt: passback.sentAt,
        })),
    };
  });
}

/** Which passbacks to send again: one student's on one placement, or every failed one of the course. */
export type ResendSelection = { resourceLinkRowId: string; userId: string } | "failed";

/**
 * Queues the selected passbacks of the course again (pending, attempts reset, a job each); returns how
 * many. A placement or student of another course selects nothing.
 */
export async function resendPassbacks(db: Db, courseId: string, selection: ResendSelection): Promise<number> {
  return db.transaction(async (tx) => {
    const chosen =
      selection === "failed"
        ? eq(ltiGradePassbacks.status, "failed")
        : and(eq(ltiGradePassbacks.resourceLinkRowId, selection.resourceLinkRowId), eq(ltiGradePassbacks.userId, selection.userId));
    const targets = await tx
      .select({ resourceLinkRowId: ltiGradePassbacks.resourceLinkRowId, userId: ltiGradePassbacks.userId })
      .from(ltiGradePassbacks)
      .innerJoin(ltiResourceLinks, eq(ltiResourceLinks.id, ltiGradePassbacks.resourceLinkRowId))
      .leftJoin(assessments, eq(assessments.id, ltiResourceLinks.assessmentId))
      .leftJoin(assignments, eq(assignments.id, ltiResourceLinks.assignmentId))
      .where(and(chosen, ofCourse(courseId)));
    await queuePassbacks(tx, targets);
    return targets.length;
  });
}

/** Links of the course's assessments or exercises (the query joins both). */
function ofCourse(courseId: string): SQL | undefined {
  return or(eq(assessments.courseId, courseId), eq(assignments.courseId, courseId));
}

function isReleased(assessment: Assessment, grant: Parameters<typeof applyAccommodation>[1], now: Date): boolean {
  const dueAt = applyAccommodation(policyOf(assessment), grant).dueAt;
  return scoresReleased({ releasePolicy: assessment.releasePolicy, releasedAt: assessment.releasedAt, dueAt }, now);
}
