import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { examEvents, type Assessment } from "../db/schema";
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
