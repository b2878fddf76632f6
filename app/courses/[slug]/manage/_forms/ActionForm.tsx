"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/action";
import { typedValues, type FormState } from "./form-state";

export type FormAction<T> = (previous: FormState<T> | null, form: FormData) => Promise<FormState<T>>;

interface Props<T extends { message?: string }> {
  action: FormAction<T>;
  submitLabel: string;
  pendingLabel?: string;
  /** The form's labels, by field name: a field error names its field only by these, never by its internal name. */
  labels?: Record<string, string>;
  className?: string;
  buttonClassName?: string;
  /** The fields; as a function, given the values a refused submission typed (see form-state.ts), to render as their defaults. */
  children?: ReactNode | ((typed: Record<string, string> | undefined) => ReactNode);
}

/** A form posting to a server action (works without JavaScript), with the action's errors or success message below it. */
export function ActionForm<T extends { message?: string }>({ action, submitLabel, pendingLabel, labels, className, buttonClassName, children }: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const typed = typedValues(state);
  return (
    // Remounted with the typed values after a refusal: uncontrolled fields read their default once.
    <form action={formAction} className={className ?? "stack"} key={typed ? JSON.stringify(typed) : ""}>
      {typeof children === "function" ? children(typed) : children}
      <div className="form-actions">
        <button className={buttonClassName ?? "button"} type="submit" disabled={pending}>
          {pending ? (pendingLabel ?? "Saving…") : submitLabel}
        </button>
      </div>
      <FormStatus state={state} labels={labels} />
    </form>
  );
}

export function FormStatus<T extends { message?: string }>({ state, labels }: { state: ActionResult<T> | null; labels?: Record<string, string> }) {
  if (!state) return null;
  if (state.ok) {
    return state.data?.message ? (
      <p className="success" role="status">
        {state.data.message}
      </p>
    ) : null;
  }
  const fields = Object.entries(state.fieldErrors ?? {});
  return (
    <div className="error" role="alert">
      <p>{state.error}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, messages]) => (
            <li key={field}>
              {labels?.[field] ? `${labels[field]}: ` : ""}
              {messages.join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
