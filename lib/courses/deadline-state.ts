import { acceptsLateWork, isLate } from "../scoring/late-policy";
import type { AssignmentPolicy } from "./deadlines";

/**
 * Where an assignment stands against its due date: no deadline, due later, past due but still taking
 * late work (with a penalty), or past due and closed.
 */
export type DeadlineState = "none" | "upcoming" | "late" | "closed";

/** The assignment's DeadlineState at `now`. */
export function deadlineState(policy: Pick<AssignmentPolicy, "dueAt" | "latePolicy" | "lateCutoffAt" | "lateWaived">, now: Date): DeadlineState {
  if (!policy.dueAt) return "none";
  if (!isLate(policy, now)) return "upcoming";
  if (acceptsLateWork(policy, now)) return "late";
  return "closed";
}
