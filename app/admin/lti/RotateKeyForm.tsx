"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { rotateKeyAction } from "./actions";

/** "Rotate key", after confirming. */
export function RotateKeyForm() {
  const [state, formAction, pending] = useActionState(rotateKeyAction, null);
  return (
    <details className="danger-zone">
      <summary>Rotate key…</summary>
      <form action={formAction} className="stack">
        <label className="choice">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, sign with a new key from now on (the current key stays published for 7
          days, so platforms that cached it keep working)
        </label>
        <div className="form-actions">
          <button className="button" type="submit" disabled={pending}>
            Rotate key
          </button>
        </div>
        <FormStatus state={state} labels={{ confirm: "Confirmation" }} />
      </form>
    </details>
  );
}
