import type { Assessment } from "../db/schema";
import { changedFields, POLICY_FORM_LABELS, policyFormValues } from "./policy-form";

/**
 * The assignment edit form's fields and the labels a person sees; every message about a field uses these.
 * The dates and rules are the assessment form's own (policy-form.ts); points are the exercise's.
 */
export const ASSIGNMENT_FORM_LABELS = {
  opensAt: POLICY_FORM_LABELS.opensAt,
  dueAt: POLICY_FORM_LABELS.dueAt,
  attemptLimit: POLICY_FORM_LABELS.attemptLimit,
  points: "Points",
  latePolicy: POLICY_FORM_LABELS.latePolicy,
  latePenaltyPerDay: POLICY_FORM_LABELS.latePenaltyPerDay,
  lateCutoffAt: POLICY_FORM_LABELS.lateCutoffAt,
} as const;

export type AssignmentFormField = keyof typeof ASSIGNMENT_FORM_LABELS;
export const ASSIGNMENT_FORM_FIELDS = Object.keys(ASSIGNMENT_FORM_LABELS) as AssignmentFormField[];

/** What the form's controls hold: strings, dates as datetime-local values in the course's zone, "" for none. */
export type AssignmentFormValues = Record<AssignmentFormField, string>;

/** What the form shows: the assessment's dates and rules, and the exercise's points. */
export type AssignmentFormSource = Pick<Assessment, "opensAt" | "dueAt" | "attemptLimit" | "latePolicy" | "latePenaltyPerDay" | "lateCutoffAt"> & { points: number };

/** An assignment as its edit form shows it. */
export function assignmentFormValues(assignment: AssignmentFormSource, timeZone: string): AssignmentFormValues {
  return { ...policyFormValues(assignment, timeZone), points: String(assignment.points) };
}

/**
 * The fields whose submitted value differs from what the form showed when it was opened (see
 * changedFields); without the shown values every field counts.
 */
export function changedFormFields(shown: Partial<Record<string, unknown>> | null, submitted: Partial<Record<AssignmentFormField, unknown>>): AssignmentFormField[] {
  return changedFields(ASSIGNMENT_FORM_FIELDS, shown, submitted);
}

export { parseShownValues } from "./policy-form";
