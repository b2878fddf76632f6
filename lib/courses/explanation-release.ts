/**
 * When a student may read a quiz question's explanation. Released too early, explanations hand out the
 * answers to students who still have attempts to spend; so an assignment with an attempt limit waits,
 * by default, until the student can no longer submit: out of attempts, or past the deadline (and past
 * the late cut-off when late work is accepted). An instructor can choose either rule per assignment.
 */
import { checkSubmissionWindow, type AssignmentPolicy } from "./deadlines";

export const EXPLANATION_RELEASES = ["after_attempt", "after_close"] as const;
export type ExplanationRelease = (typeof EXPLANATION_RELEASES)[number];

/** The rule in force: the assignment's own, or the default for its attempt limit. */
export function effectiveExplanationRelease(setting: ExplanationRelease | null, attemptLimit: number | null): ExplanationRelease {
  return setting ?? (attemptLimit === null ? "after_attempt" : "after_close");
}

export interface ReleaseInput {
  setting: ExplanationRelease | null;
  policy: AssignmentPolicy;
  /** The student's "submit" attempts on the assignment so far. */
  attemptsUsed: number;
  now: Date;
}

/** Whether a student with `attemptsUsed` attempts may see the explanations of the questions they answered. */
export function explanationsReleased({ setting, policy, attemptsUsed, now }: ReleaseInput): boolean {
  if (attemptsUsed === 0) return false;
  if (effectiveExplanationRelease(setting, policy.attemptLimit) === "after_attempt") return true;
  const window = checkSubmissionWindow(policy, now, attemptsUsed);
  return !window.open && window.reason !== "not_open_yet";
}
