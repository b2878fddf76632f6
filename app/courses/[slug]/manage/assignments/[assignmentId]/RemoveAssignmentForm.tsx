"use client";

import { useActionState } from "react";
import { FormStatus } from "../../_forms/ActionForm";
import { removeAssignmentAction } from "./actions";
import { plural } from "@/lib/format/plural";

export function RemoveAssignmentForm({ slug, assignmentId, submissions }: { slug: string; assignmentId: string; submissions: number }) {
  const [state, formAction, pending] = useActionState(removeAssignmentAction, null);
  return (
    <details className="danger-zone">
      <summary>Remove this assignment…</summary>
      <form action={formAction} className="stack">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="assignmentId" value={assignmentId} />
        <p>
          Students will no longer see it.{" "}
          {submissions > 0 ? <strong>Its {plural(submissions, "submission")} and their results are deleted with it.</strong> : "Nobody has submitted yet."}
        </p>
        <label className="choice">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, remove this assignment
          {submissions > 0 ? ` and its ${plural(submissions, "submission")}` : ""}
        </label>
        <div className="form-actions">
          <button className="button danger" type="submit" disabled={pending}>
            Remove assignment
          </button>
        </div>
        <FormStatus state={state} labels={{ confirm: "Confirmation" }} />
      </form>
    </details>
  );
}
