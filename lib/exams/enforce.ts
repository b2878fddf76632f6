import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { assessments, assignments, examEvents, type Assessment } from "../db/schema";
import { AppError } from "../errors";
import { getExamState } from "./attempts";
import { logExamEvent } from "./events";
import { isExamClosed, type ExamState } from "./state";

export const START_FIRST = "Start the assessment first.";
export const TIME_IS_UP = "Time is up: this assessment is finished for you.";
export const RUN_TURNED_OFF = "Run is turned off for this assessment.";

/**
 * A student's work on a timed assessment, checked by the server's clock: refused before their start and
 * once they finished or their deadline (plus the grace) has passed. Untimed work passes. Returns the state.
 */
export async function requireTimedWorkOpen(db: Db, assessment: Assessment, userId: string, now: Date): Promise<ExamState> {
  const state = await getExamState(db, { assessment, userId, now });
  if (state.status === "not_started") throw new AppError("FORBIDDEN", START_FIRST);
  if (isExamClosed(state, now)) throw new AppError("FORBIDDEN", TIME_IS_UP);
  return state;
}

/**
 * Whether a student may keep a draft of an exercise: yes when one of its placements in the course is
 * untimed or timed work of theirs that is running (drafts are per exercise, not per assessment). Else
 * refused as "start first" or "time is up". Returns the running timed assessment the save belongs to, if any.
 */
export async function requireDraftAllowed(db: Db, courseId: string, userId: string, exerciseId: string, now: Date): Promise<string | null> {
  const placements = await db
    .select({ assessment: assessments })
    .from(assignments)
    .innerJoin(assessments, eq(assessments.id, assignments.assessmentId))
    .where(and(eq(assignments.courseId, courseId), eq(assignments.exerciseId, exerciseId)))
    .orderBy(assessments.position);
  if (placements.length === 0 || placements.some(({ assessment }) => assessment.timeLimitMinutes === null)) return null;
  let refusal: string | null = null;
  for (const { assessment } of placements) {
    const state = await getExamState(db, { assessment, userId, now });
    if (state.status === "in_progress" && !isExamClosed(state, now)) return assessment.id;
    refusal ??= state.status === "not_started" ? START_FIRST : TIME_IS_UP;
  }
  throw new AppError("FORBIDDEN", refusal ?? TIME_IS_UP);
}

/** Draft saves go in the log at most this often per exercise (typing saves every few seconds). */
export const SAVE_EVENT_EVERY_MS = 30_000;

/** Logs a draft save of an exercise of in-progress timed work, unless one was logged in the last 30 s. */
export async function logDraftSave(db: Db, assessmentId: string, userId: string, exerciseId: string, now: Date): Promise<void> {
  const [recent] = await db
    .select({ at: examEvents.at })
    .from(examEvents)
    .where(
      and(
        eq(examEvents.assessmentId, assessmentId),
        eq(examEvents.userId, userId),
        eq(examEvents.kind, "save"),
        gt(examEvents.at, new Date(now.getTime() - SAVE_EVENT_EVERY_MS)),
        sql`${examEvents.detail} ->> 'exerciseId' = ${exerciseId}`,
      ),
    )
    .orderBy(desc(examEvents.at))
    .limit(1);
  if (!recent) await logExamEvent(db, { assessmentId, userId, kind: "save", detail: { exerciseId }, at: now });
}
