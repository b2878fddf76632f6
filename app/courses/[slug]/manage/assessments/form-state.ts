import type { ActionResult } from "@/lib/auth/action";

/** What the assessment form's action answers: on a refusal, the values as typed, so that the form shows them again. */
export type AssessmentFormState = ActionResult<{ message: string }> & { values?: Record<string, string> };

/** The form's text fields as sent (Next's own `$ACTION…` fields left out). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  return values;
}
