"use client";

import { useActionState } from "react";
import { FormStatus } from "../../_forms/ActionForm";
import { resolveRegradeRequestAction } from "./actions";

const LABELS = { response: "Response", newScore: "New score (%)" } as const;
type Field = keyof typeof LABELS;

/** Staff's answer to a regrade request: a response for the student and, if they choose, a new score. */
export function ResolveForm({ slug, requestId, currentPercent }: { slug: string; requestId: string; currentPercent: number | null }) {
  const [state, formAction, pending] = useActionState(resolveRegradeRequestAction, null);
  const typed = state && !state.ok ? state.values : undefined;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const control = (name: Field, hint: string) => ({
    id: `resolve-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [errors[name] ? `resolve-${name}-error` : null, hint].filter(Boolean).join(" "),
  });
  const error = (name: Field) =>
    errors[name] ? (
      <p className="field-error" id={`resolve-${name}-error`}>
        {errors[name].join("; ")}
      </p>
    ) : null;
  if (state?.ok) {
    return (
      <p className="success" role="status">
        {state.data.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="stack" key={typed ? JSON.stringify(typed) : ""}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="field">
        <label htmlFor="resolve-response">{LABELS.response}</label>
        <textarea rows={5} maxLength={2000} required {...control("response", "resolve-response-hint")} defaultValue={typed?.response ?? ""} />
        <p className="field-hint" id="resolve-response-hint">
          The student reads this on their exercise page.
        </p>
        {error("response")}
      </div>
      <div className="field">
        <label htmlFor="resolve-newScore">{LABELS.newScore}</label>
        <input type="number" min={0} max={100} step="any" inputMode="decimal" {...control("newScore", "resolve-newScore-hint")} defaultValue={typed?.newScore ?? ""} />
        <p className="field-hint" id="resolve-newScore-hint">
          Optional. Leave it empty to keep the score{currentPercent === null ? "" : ` (${currentPercent} % now)`}; a new score replaces the grader&apos;s for this
          Submit (a late penalty still applies) and is recorded in the audit.
        </p>
        {error("newScore")}
      </div>
      <div className="form-actions">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Resolving…" : "Resolve"}
        </button>
      </div>
      <FormStatus state={state} labels={LABELS} />
    </form>
  );
}
