import type { AssignmentPolicy } from "./deadlines";
import { deadlineState } from "./deadline-state";

/** Where an assessment stands for the staff's list: empty, not open yet, open, past due but taking late work, or closed. */
export type AssessmentState = "empty" | "not_open" | "open" | "late" | "closed";

export const ASSESSMENT_STATE_LABELS: Record<AssessmentState, string> = {
  empty: "No exercises yet",
  not_open: "Not open yet",
  open: "Open",
  late: "Past due, taking late work",
  closed: "Closed",
};

/** The assessment's state at `now` (its own dates, before any student's accommodation). */
export function assessmentState(policy: Pick<AssignmentPolicy, "opensAt" | "dueAt" | "latePolicy" | "lateCutoffAt" | "lateWaived">, exercises: number, now: Date): AssessmentState {
  if (exercises === 0) return "empty";
  if (policy.opensAt && now < policy.opensAt) return "not_open";
  const deadline = deadlineState(policy, now);
  return deadline === "late" ? "late" : deadline === "closed" ? "closed" : "open";
}
