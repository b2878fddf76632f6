"use client";

import { useActionState } from "react";
import { FormStatus } from "../../_forms/ActionForm";
import { assignExerciseAction } from "./actions";

export function AssignButton({ slug, exerciseId, title }: { slug: string; exerciseId: string; title: string }) {
  const [state, formAction, pending] = useActionState(assignExerciseAction, null);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="exerciseId" value={exerciseId} />
      <button className="button small" type="submit" disabled={pending} aria-label={`Assign ${title}`}>
        {pending ? "Assigning…" : "Assign"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
