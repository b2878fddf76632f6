"use client";

import { useActionState, useId } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { requestRegradeAction } from "./actions";

const MAX_MESSAGE_CHARS = 2000;

/** "Ask for a review" of one graded Submit: a disclosure with the message and "Send request". */
export function AskForReview({ slug, submissionId }: { slug: string; submissionId: string }) {
  const [state, formAction, pending] = useActionState(requestRegradeAction, null);
  const id = useId();
  const typed = state && !state.ok ? state.values : undefined;
  const error = state && !state.ok ? state.fieldErrors?.message : undefined;
  return (
    <details className="ask-review">
      <summary>Ask for a review</summary>
      {/* Remounted with the typed message after a refusal: the textarea reads its default once. */}
      <form action={formAction} className="stack" key={typed ? JSON.stringify(typed) : ""}>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="submissionId" value={submissionId} />
        <div className="field">
          <label htmlFor={`${id}-message`}>Your message to the course staff</label>
          <textarea
            id={`${id}-message`}
            name="message"
            rows={4}
            maxLength={MAX_MESSAGE_CHARS}
            required
            defaultValue={typed?.message ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
          <p className="field-hint" id={`${id}-hint`}>
            What should they look at again, and why? Up to {MAX_MESSAGE_CHARS} characters.
          </p>
          {error ? (
            <p className="field-error" id={`${id}-error`}>
              {error.join("; ")}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button className="button small" type="submit" disabled={pending}>
            {pending ? "Sending…" : "Send request"}
          </button>
        </div>
        <FormStatus state={state} labels={{ message: "Your message" }} />
      </form>
    </details>
  );
}
