import { z } from "zod";
import type { Assessment } from "../db/schema";
import { LATE_POLICY_KINDS } from "../scoring/late-policy";
import { fromZonedInput, toZonedInput } from "./zoned-time";

/**
 * The dates-and-rules controls that the assessment form and the per-exercise assignment form share: their
 * labels (every message about a field uses them), how a stored row shows in them and how each is parsed.
 */
export const POLICY_FORM_LABELS = {
  opensAt: "Opens",
  dueAt: "Due",
  attemptLimit: "Attempt limit",
  latePolicy: "Late policy",
  latePenaltyPerDay: "Penalty per day (%)",
  lateCutoffAt: "Late cut-off",
} as const;

export type PolicyFormField = keyof typeof POLICY_FORM_LABELS;
export type PolicyFormValues = Record<PolicyFormField, string>;

/** Dates held by the controls: shown and read in the course's time zone. */
export const ZONED_FIELDS = ["opensAt", "dueAt", "lateCutoffAt"] as const;

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

/** The raw controls as a form posts them (strings; dates stay text until the course's time zone is known). */
export const PolicyFormSchema = z.object({
  opensAt: z.string().default(""),
  dueAt: z.string().default(""),
  lateCutoffAt: z.string().default(""),
  attemptLimit: z.preprocess(
    blankToNull,
    z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").nullable(),
  ),
  latePolicy: z.enum(LATE_POLICY_KINDS, "must be none or penalty"),
  latePenaltyPerDay: z.preprocess((value) => blankToNull(value) ?? 0, z.coerce.number("must be a number").min(0, "must be 0 to 100").max(100, "must be 0 to 100")),
});

/** A datetime-local field read in the course's time zone; empty means "no date". */
export function zonedField(timeZone: string) {
  return z.string().transform((value, context) => {
    if (value.trim() === "") return null;
    try {
      return fromZonedInput(value, timeZone);
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof RangeError ? error.message : "is not a date and time" });
      return z.NEVER;
    }
  });
}

/** The three date controls as instants (null for none); a date that does not exist in the zone is a field error (ZodError). */
export function parseZonedDates(input: Pick<z.infer<typeof PolicyFormSchema>, (typeof ZONED_FIELDS)[number]>, timeZone: string) {
  const zoned = zonedField(timeZone);
  return z.object({ opensAt: zoned, dueAt: zoned, lateCutoffAt: zoned }).parse(input);
}

type PolicyColumns = Pick<Assessment, "opensAt" | "dueAt" | "attemptLimit" | "latePolicy" | "latePenaltyPerDay" | "lateCutoffAt">;

/** Stored dates and rules as the controls show them: dates in the course's zone, "" for none. */
export function policyFormValues(row: PolicyColumns, timeZone: string): PolicyFormValues {
  const local = (date: Date | null) => (date ? toZonedInput(date, timeZone) : "");
  return {
    opensAt: local(row.opensAt),
    dueAt: local(row.dueAt),
    attemptLimit: row.attemptLimit === null ? "" : String(row.attemptLimit),
    latePolicy: row.latePolicy,
    // The numeric column reads "20.00"; the control shows 20.
    latePenaltyPerDay: String(Number(row.latePenaltyPerDay)),
    lateCutoffAt: local(row.lateCutoffAt),
  };
}

/**
 * The fields whose submitted value differs from what the form showed when it was opened. A save writes
 * only these: a date kept at its shown minute keeps its stored seconds, and a field another instructor
 * changed meanwhile is not overwritten with the stale value. Without the shown values every field counts.
 */
export function changedFields<Field extends string>(
  fields: readonly Field[],
  shown: Partial<Record<string, unknown>> | null,
  submitted: Partial<Record<Field, unknown>>,
): Field[] {
  // Parsed numbers compare by value ("020" is 20), blanks and nulls alike.
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());
  return fields.filter((field) => field in submitted && (shown === null || text(submitted[field]) !== text(shown[field])));
}

/** Parses a form's hidden record of the values it showed; null when it is missing or malformed. */
export function parseShownValues(raw: unknown): Partial<Record<string, unknown>> | null {
  if (typeof raw !== "string" || raw === "") return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
