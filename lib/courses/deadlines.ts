import { z } from "zod";
import { acceptsLateWork, isLate, LATE_POLICY_KINDS, latePenaltyFactor } from "../scoring/late-policy";
import { formatDateTime } from "./format-date";

export const AssignmentPolicySchema = z
  .object({
    opensAt: z.date().nullable(),
    dueAt: z.date().nullable(),
    attemptLimit: z.number().int().positive().nullable(),
    latePolicy: z.enum(LATE_POLICY_KINDS),
    /** Percentage lost per started day late, 0..100 (numeric columns arrive as strings). */
    latePenaltyPerDay: z.coerce.number().min(0).max(100),
    lateCutoffAt: z.date().nullable(),
    /** Set by an accommodation (applyAccommodation), never by the assessment itself. */
    lateWaived: z.boolean().default(false),
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
  if (!isLate(policy, now)) return { open: true, late: false, penaltyFactor: 1 };
  if (!acceptsLateWork(policy, now)) {
    return { open: false, reason: "closed", message: "The deadline has passed." };
  }
  return { open: true, late: true, penaltyFactor: latePenaltyFactor(policy, now) };
}

// The late policy itself lives in lib/scoring; these names stay importable from here.
export { countingScore, latePenaltyFactor, type GradedAttempt } from "../scoring/late-policy";
