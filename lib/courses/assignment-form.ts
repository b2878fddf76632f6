import type { Assessment } from "../db/schema";
import { toZonedInput } from "./zoned-time";

/** The assignment edit form's fields and the labels a person sees; every message about a field uses these. */
export const ASSIGNMENT_FORM_LABELS = {
  opensAt: "Opens",
  dueAt: "Due",
  attemptLimit: "Attempt limit",
  points: "Points",
  latePolicy: "Late policy",
  latePenaltyPerDay: "Penalty per day (%)",
  lateCutoffAt: "Late cut-off",
} as const;

export type AssignmentFormField = keyof typeof ASSIGNMENT_FORM_LABELS;
export const ASSIGNMENT_FORM_FIELDS = Object.keys(ASSIGNMENT_FORM_LABELS) as AssignmentFormField[];

/** What the form's controls hold: strings, dates as datetime-local values in the course's zone, "" for none. */
export type AssignmentFormValues = Record<AssignmentFormField, string>;

/** What the form shows: the assessment's dates and rules, and the exercise's points. */
export type AssignmentFormSource = Pick<Assessment, "opensAt" | "dueAt" | "attemptLimit" | "latePolicy" | "latePenaltyPerDay" | "lateCutoffAt"> & { points: number };

/** An assignment as its edit form shows it. */
export function assignmentFormValues(assignment: AssignmentFormSource, timeZone: string): AssignmentFormValues {
  const local = (date: Date | null) => (date ? toZonedInput(date, timeZone) : "");
  return {
    opensAt: local(assignment.opensAt),
    dueAt: local(assignment.dueAt),
    attemptLimit: assignment.attemptLimit === null ? "" : String(assignment.attemptLimit),
    points: String(assignment.points),
    latePolicy: assignment.latePolicy,
    // The numeric column reads "20.00"; the control shows 20.
    latePenaltyPerDay: String(Number(assignment.latePenaltyPerDay)),
    lateCutoffAt: local(assignment.lateCutoffAt),
  };
}

/**
 * The fields whose submitted value differs from what the form showed when it was opened. A save writes
 * only these: a date kept at its shown minute keeps its stored seconds, and a field another instructor
 * changed meanwhile is not overwritten with the stale value. Without the shown values every field counts.
 */
export function changedFormFields(shown: Partial<Record<string, unknown>> | null, submitted: Partial<Record<AssignmentFormField, unknown>>): AssignmentFormField[] {
  // Parsed numbers compare by value ("020" is 20), blanks and nulls alike.
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());
  return ASSIGNMENT_FORM_FIELDS.filter((field) => field in submitted && (shown === null || text(submitted[field]) !== text(shown[field])));
}

/** Parses the form's hidden record of the values it showed; null when it is missing or malformed. */
export function parseShownValues(raw: unknown): Partial<Record<string, unknown>> | null {
  if (typeof raw !== "string" || raw === "") return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
