import type { LatePolicyKind } from "./late-policy";

/**
 * How the late penalty reads on the pages, beside the rule it describes (late-policy.ts): a change of
 * the rule (say, per started hour) changes its wording here, not in every page.
 */

/** The penalty for students: "20 % per started day". */
export function latePenaltyRate(perDay: number): string {
  return `${perDay} % per started day`;
}

/** What each late policy does, as the assignment form offers it. */
export const LATE_POLICY_CHOICES = {
  none: "none: no submissions after the due date",
  penalty: "penalty: lose a share per started day late, up to a cut-off",
} as const satisfies Record<LatePolicyKind, string>;

/** The penalty in the staff's assignment list: "−20 % a day". */
export function latePenaltyRateShort(perDay: number): string {
  return `−${perDay} % a day`;
}
