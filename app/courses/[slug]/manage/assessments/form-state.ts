import type { ActionResult } from "@/lib/auth/action";

/** What the assessment form's action answers: on a refusal, the values as typed, so that the form shows them again. */
export type AssessmentFormState = ActionResult<{ message: string }> & { values?: Record<string, string> };

export { formValues } from "../_forms/form-state";
