import type { ActionResult } from "@/lib/auth/action";

/**
 * What a form's action answers: on a refusal, the values as typed, so that the form shows them again.
 * React 19 resets a form's uncontrolled fields once its action completes; a form that renders these
 * values as its defaults keeps what was typed beside the error.
 */
export type FormState<T> = ActionResult<T> & { values?: Record<string, string> };

/** The form's text fields as sent (Next's own `$ACTION…` fields left out). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  return values;
}

/** A handler whose refusals carry the values typed in its form. */
export function keepingTyped<T>(handler: (raw: unknown) => Promise<ActionResult<T>>): (raw: unknown) => Promise<FormState<T>> {
  return async (raw) => {
    const result = await handler(raw);
    return result.ok || !(raw instanceof FormData) ? result : { ...result, values: formValues(raw) };
  };
}

/** The values a refused submission typed, or undefined (nothing sent yet, or it succeeded). */
export function typedValues(state: FormState<unknown> | null): Record<string, string> | undefined {
  return state && !state.ok ? state.values : undefined;
}
