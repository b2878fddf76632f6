/**
 * The late policy, the one place that says what a late submission is worth. Its SQL form is
 * late-policy-sql.ts; a property test (tests/unit/scoring/late-policy-sql.test.ts) keeps the two equal.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The kinds of late policy: no late work at all, or a penalty per started day up to an optional cut-off. */
export const LATE_POLICY_KINDS = ["none", "penalty"] as const;
export type LatePolicyKind = (typeof LATE_POLICY_KINDS)[number];

/** The part of an assignment's policy that prices lateness (AssignmentPolicy has it). */
export interface LatePolicy {
  dueAt: Date | null;
  latePolicy: LatePolicyKind;
  /** Percentage lost per started day late, 0..100. */
  latePenaltyPerDay: number;
  lateCutoffAt: Date | null;
  /** An accommodation: late work is taken without penalty (up to the cut-off, if any), whatever the policy. */
  lateWaived: boolean;
}

/** Whether an attempt at `submittedAt` is after the due date. */
export function isLate(policy: Pick<LatePolicy, "dueAt">, submittedAt: Date): boolean {
  return policy.dueAt !== null && submittedAt > policy.dueAt;
}

/** Whether late work is still taken at `at` (false when the policy takes none, or past the cut-off). */
export function acceptsLateWork(policy: Pick<LatePolicy, "latePolicy" | "lateCutoffAt" | "lateWaived">, at: Date): boolean {
  return (policy.lateWaived || policy.latePolicy === "penalty") && (!policy.lateCutoffAt || at <= policy.lateCutoffAt);
}

/** The fraction of a score kept for a submission at `submittedAt`: 1 on time, less per started day late. */
export function latePenaltyFactor(policy: LatePolicy, submittedAt: Date): number {
  if (!policy.dueAt || !isLate(policy, submittedAt)) return 1;
  if (!acceptsLateWork(policy, submittedAt)) return 0;
  if (policy.lateWaived) return 1;
  const startedDaysLate = Math.ceil((submittedAt.getTime() - policy.dueAt.getTime()) / DAY_MS);
  return Math.max(0, 1 - (startedDaysLate * policy.latePenaltyPerDay) / 100);
}

export interface GradedAttempt {
  submittedAt: Date;
  /** 0..1, null while not graded. */
  score: number | null;
}

/** One attempt's score after its late penalty; null while not graded. */
export function penalizedScore(policy: LatePolicy, attempt: GradedAttempt): number | null {
  return attempt.score === null ? null : attempt.score * latePenaltyFactor(policy, attempt.submittedAt);
}

/** The score that counts: the best of the graded attempts, each after its late penalty; null if none is graded. */
export function countingScore(policy: LatePolicy, attempts: readonly GradedAttempt[]): number | null {
  let best: number | null = null;
  for (const attempt of attempts) {
    const adjusted = penalizedScore(policy, attempt);
    if (adjusted !== null && (best === null || adjusted > best)) best = adjusted;
  }
  return best;
}
