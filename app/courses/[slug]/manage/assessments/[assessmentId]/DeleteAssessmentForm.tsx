"use client";

import { useActionState } from "react";
import { plural } from "@/lib/format/plural";
import { FormStatus } from "../../_forms/ActionForm";
import { deleteAssessmentAction } from "./actions";

interface Props {
  slug: string;
  assessmentId: string;
  title: string;
  exercises: number;
  /** Submissions and runs of all its exercises. */
  submissions: number;
  runs: number;
}

export function DeleteAssessmentForm({ slug, assessmentId, title, exercises, submissions, runs }: Props) {
  const [state, formAction, pending] = useActionState(deleteAssessmentAction, null);
  const any = submissions + runs > 0;
  const what = `${plural(submissions, "submission")} and ${plural(runs, "run")}`;
  return (
    <details className="danger-zone">
      <summary>Delete this assessment…</summary>
      <form action={formAction} className="stack">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="assessmentId" value={assessmentId} />
        <p>
          Students will no longer see {title} or its {plural(exercises, "exercise")} (the exercises stay in the catalogue).{" "}
          {any ? <strong data-testid="delete-count">Its {what}, with their results, are deleted with it.</strong> : "Nobody has submitted or run anything yet."}
        </p>
        <label className="choice">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, delete this assessment{any ? ` and its ${what}` : ""}
        </label>
        <div className="form-actions">
          <button className="button danger" type="submit" disabled={pending}>
            Delete assessment
          </button>
        </div>
        <FormStatus state={state} labels={{ confirm: "Confirmation" }} />
      </form>
    </details>
  );
}
