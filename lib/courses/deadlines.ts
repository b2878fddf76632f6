import { z } from "zod";
import { formatDateTime } from "./format-date";

const DAY_MS = 24 * 60 * 60 * 1000;

export const AssignmentPolicySchema = z
  .object({
    opensAt: z.date().nullable(),
    dueAt: z.date().nullable(),
    attemptLimit: z.number().int().positive().nullable(),
    latePolicy: z.enum(["none", "penalty"]),
    /** Percentage lost per started day late, 0..100 (numeric columns arrive as strings). */
    latePenaltyPerDay: z.coerce.number().min(0).max(100),
    lateCutoffAt: z.date().nullable(),
  })
  .refine((policy) => !policy.opensAt || !policy.dueAt || policy.opensAt <= policy.dueAt, {
    // Shown under the form's "Due" control, so it names the other control by its label too.
    message: "must not be earlier than Opens",
    path: ["dueAt"],
  })
  .refine((policy) => !policy.lateCutoffAt || !policy.dueAt || policy.dueAt <= policy.lateCutoffAt, {
    message: "must not be earlier than Due",
    path: ["lateCutoffAt"],
  });
export type AssignmentPolicy = z.infer<typeof AssignmentPolicySchema>;

export type SubmissionWindow =
  | { open: true; late: boolean; penaltyFactor: number }
  | { open: false; reason: "not_open_yet" | "closed" | "attempts_exhausted"; message: string };

/** Whether a submission made at `now` (server time) is accepted, and with what late penalty; dates in messages are in `timeZone`. */
export function checkSubmissionWindow(policy: AssignmentPolicy, now: Date, attemptsUsed: number, timeZone = "UTC"): SubmissionWindow {
  if (policy.opensAt && now < policy.opensAt) {
    return { open: false, reason: "not_open_yet", message: `Opens ${formatDateTime(policy.opensAt, timeZone)}.` };
  }
  if (policy.attemptLimit !== null && attemptsUsed >= policy.attemptLimit) {
    return { open: false, reason: "attempts_exhausted", message: policy.attemptLimit === 1 ? "Your one attempt is used." : `All ${policy.attemptLimit} attempts are used.` };
  }
  if (!policy.dueAt || now <= policy.dueAt) return { open: true, late: false, penaltyFactor: 1 };
  if (policy.latePolicy === "none" || (policy.lateCutoffAt && now > policy.lateCutoffAt)) {
    return { open: false, reason: "closed", message: "The deadline has passed." };
  }
  return { open: true, late: true, penaltyFactor: latePenaltyFactor(policy, now) };
}

/** The fraction of a score kept for a submission at `submittedAt`: 1 on time, less per started day late. */
export function latePenaltyFactor(policy: AssignmentPolicy, submittedAt: Date): number {
  if (!policy.dueAt || submittedAt <= policy.dueAt) return 1;
  if (policy.latePolicy === "none") return 0;
  if (policy.lateCutoffAt && submittedAt > policy.lateCutoffAt) return 0;
  const startedDaysLate = Math.ceil((submittedAt.getTime() - policy.dueAt.getTime()) / DAY_MS);
  return Math.max(0, 1 - (startedDaysLate * policy.latePenaltyPerDay) / 100);
}

export interface GradedAttempt {
  submittedAt: Date;
  /** 0..1, null while not graded. */
  score: number | null;
}

/** The score that counts: the best of the graded attempts, each after its late penalty; null if none is graded. */
export function countingScore(policy: AssignmentPolicy, attempts: readonly GradedAttempt[]): number | null {
  let best: number | null = null;
  for (const attempt of attempts) {
    if (attempt.score === null) continue;
    const adjusted = attempt.score * latePenaltyFactor(policy, attempt.submittedAt);
    if (best === null || adjusted > best) best = adjusted;
  }
  return best;
}
