import type { LatePolicy } from "./late-policy";

/**
 * What a student is granted on one assessment, individual and group grants combined as the view
 * `student_accommodations` combines them (the most generous of each). Absent: nothing granted.
 */
export interface Accommodation {
  /** An extended due date; it moves the late cut-off by as much. Ignored on an assessment without a due date. */
  dueAt: Date | null;
  extraAttempts: number;
  waiveLatePenalty: boolean;
  /** Multiplies the time limit of timed work; null is no change. */
  timeMultiplier: number | null;
}

/** The rules of an assessment that an accommodation changes (AssignmentPolicy has them). */
export interface AccommodatedPolicy extends LatePolicy {
  opensAt: Date | null;
  attemptLimit: number | null;
}

/**
 * The assessment's policy as it applies to one student: a later due date (and cut-off moved by as much),
 * more attempts, late work taken without penalty. Only ever more generous than the assessment's own.
 * effectiveLatePolicy in late-policy-sql.ts is the same rule in SQL.
 */
export function applyAccommodation<P extends AccommodatedPolicy>(policy: P, grant: Accommodation | null): P {
  if (!grant) return policy;
  const extended = policy.dueAt !== null && grant.dueAt !== null && grant.dueAt > policy.dueAt ? grant.dueAt : null;
  const shift = extended && policy.dueAt ? extended.getTime() - policy.dueAt.getTime() : 0;
  return {
    ...policy,
    dueAt: extended ?? policy.dueAt,
    lateCutoffAt: policy.lateCutoffAt && shift > 0 ? new Date(policy.lateCutoffAt.getTime() + shift) : policy.lateCutoffAt,
    attemptLimit: policy.attemptLimit === null ? null : policy.attemptLimit + grant.extraAttempts,
    lateWaived: policy.lateWaived || grant.waiveLatePenalty,
  };
}


/** The time limit of timed work for a student with this grant, in minutes (rounded up); null is untimed. */
export function accommodatedTimeLimit(minutes: number | null, grant: Accommodation | null): number | null {
  if (minutes === null) return null;
  return Math.ceil(minutes * (grant?.timeMultiplier ?? 1));
}
