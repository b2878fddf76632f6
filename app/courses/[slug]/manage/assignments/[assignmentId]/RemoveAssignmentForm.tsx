"use client";

import { useActionState } from "react";
import type { AssignmentActivity } from "@/lib/courses/assignments";
import { FormStatus } from "../../_forms/ActionForm";
import { describeActivity } from "./ActivityCounts";
import { removeAssignmentAction } from "./actions";

export function RemoveAssignmentForm({ slug, assignmentId, activity }: { slug: string; assignmentId: string; activity: AssignmentActivity }) {
  const [state, formAction, pending] = useActionState(removeAssignmentAction, null);
  const any = activity.submissions + activity.runs > 0;
  const what = describeActivity(activity);
  return (
    <details className="danger-zone">
      <summary>Remove this assignment…</summary>
      <form action={formAction} className="stack">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="assignmentId" value={assignmentId} />
        <p>
          Students will no longer see it.{" "}
          {any ? <strong>Its {what}, with their results, are deleted with it.</strong> : "Nobody has submitted or run anything yet."}
        </p>
        <label className="choice">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, remove this assignment
          {any ? ` and its ${what}` : ""}
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
