import type { DbOrTx } from "../db/transaction";
import { examEvents } from "../db/schema";

/** What the exam log records for staff. */
export const EXAM_EVENT_KINDS = [
  "start",
  "save",
  "run",
  "submit",
  "focus_lost",
  "focus_back",
  "second_sign_in",
  "finish",
  "time_up",
  "auto_submit",
] as const;
export type ExamEventKind = (typeof EXAM_EVENT_KINDS)[number];

export interface ExamEventInput {
  assessmentId: string;
  userId: string;
  kind: ExamEventKind;
  /** Small plain facts: { exerciseId, submissionId, awayMs, … }. */
  detail?: Record<string, string | number | boolean | null>;
  at?: Date;
}

/** Appends one event to a student's exam log (in the caller's transaction when given one). */
export async function logExamEvent(db: DbOrTx, event: ExamEventInput): Promise<void> {
  await db.insert(examEvents).values({
    assessmentId: event.assessmentId,
    userId: event.userId,
    kind: event.kind,
    detail: event.detail ?? null,
    ...(event.at ? { at: event.at } : {}),
  });
}
