import type { AssessmentStart } from "../db/schema";

/** Where a student is in a timed assessment, as staff see it. */
export type ExamStatus = "not_started" | "in_progress" | "finished" | "time_up";

/**
 * The student's status at `now` from their start row and deadline: a start past its deadline that the
 * server has not closed yet already reads "time up".
 */
export function examStatusOf(start: Pick<AssessmentStart, "finishedAt" | "finishReason"> | null, deadline: Date | null, now: Date): ExamStatus {
  if (!start) return "not_started";
  if (start.finishedAt) return start.finishReason === "time_up" ? "time_up" : "finished";
  if (deadline && now.getTime() >= deadline.getTime()) return "time_up";
  return "in_progress";
}

/** The status in words for the monitor. */
export const EXAM_STATUS_LABELS: Record<ExamStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  finished: "Finished",
  time_up: "Time up",
};
