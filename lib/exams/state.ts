import type { AssessmentStart } from "../db/schema";
import type { Accommodation } from "../scoring/accommodation";
import { accommodatedTimeLimit } from "../scoring/accommodation";
import { examDeadline, SUBMIT_GRACE_MS, type ClosingRules } from "./clock";

export type ExamStatus = "untimed" | "not_started" | "in_progress" | "finished";
export type FinishReason = "finished" | "time_up";

/** Where one student stands in one assessment's time limit, as of `now` (the server's clock). */
export interface ExamState {
  status: ExamStatus;
  startedAt: Date | null;
  /** Start plus the accommodated limit; null before the start and for untimed work. */
  deadline: Date | null;
  /** Until the deadline, never below 0; null when no clock runs (untimed, not started, finished). */
  remainingMs: number | null;
  /** The time limit with the student's multiplier (rounded up); null for untimed work. */
  minutes: number | null;
  /** The student's time multiplier (1 when none is granted). */
  multiplier: number;
  finishReason: FinishReason | null;
}

type StartRow = Pick<AssessmentStart, "startedAt" | "finishedAt" | "finishReason">;

/**
 * The state of timed work from its stored start (or none), the time limit and the student's grant; with
 * the assessment's `rules`, the deadline never passes the close of the student's window (examDeadline).
 */
export function examStateOf(timeLimitMinutes: number | null, start: StartRow | null, grant: Accommodation | null, now: Date, rules?: ClosingRules): ExamState {
  const minutes = accommodatedTimeLimit(timeLimitMinutes, grant);
  const multiplier = grant?.timeMultiplier ?? 1;
  const base = { minutes, multiplier, startedAt: start?.startedAt ?? null, finishReason: null, remainingMs: null, deadline: null } as const;
  if (minutes === null) return { ...base, status: "untimed", startedAt: null };
  if (!start) return { ...base, status: "not_started" };
  const deadline = examDeadline(start.startedAt, timeLimitMinutes, grant, rules);
  if (start.finishedAt) return { ...base, status: "finished", deadline, finishReason: start.finishReason === "finished" ? "finished" : "time_up" };
  return { ...base, status: "in_progress", deadline, remainingMs: deadline ? Math.max(0, deadline.getTime() - now.getTime()) : null };
}

/**
 * True once nothing more may be handed in: finished, or past the deadline by more than the grace the
 * Submit sent at zero needs to arrive. Untimed work is never closed by this rule.
 */
export function isExamClosed(state: ExamState, now: Date): boolean {
  if (state.status === "finished") return true;
  return state.status === "in_progress" && state.deadline !== null && now.getTime() > state.deadline.getTime() + SUBMIT_GRACE_MS;
}

/** When the server closes timed work by itself: the deadline plus the grace (the time-up job runs then). */
export function closingTime(deadline: Date): Date {
  return new Date(deadline.getTime() + SUBMIT_GRACE_MS);
}

/** The state as JSON for the page: instants as ISO text, with the server's `now` so the client can correct its clock. */
export interface ExamStateJson {
  status: ExamStatus;
  startedAt: string | null;
  deadline: string | null;
  remainingMs: number | null;
  minutes: number | null;
  multiplier: number;
  finishReason: FinishReason | null;
  serverNow: string;
}

export function examStateJson(state: ExamState, now: Date): ExamStateJson {
  return {
    status: state.status,
    startedAt: state.startedAt?.toISOString() ?? null,
    deadline: state.deadline?.toISOString() ?? null,
    remainingMs: state.remainingMs,
    minutes: state.minutes,
    multiplier: state.multiplier,
    finishReason: state.finishReason,
    serverNow: now.toISOString(),
  };
}
