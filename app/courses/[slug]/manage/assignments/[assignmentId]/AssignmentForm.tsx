"use client";

import { useActionState } from "react";
import { ASSIGNMENT_FORM_LABELS as LABELS, type AssignmentFormField, type AssignmentFormValues } from "@/lib/courses/assignment-form";
import { updateAssignmentAction } from "./actions";
import { ExplanationReleaseField } from "../../_forms/ExplanationReleaseField";
import { PolicyFields } from "../../_forms/PolicyFields";
import { controlProps, FieldError } from "../../_forms/fields";

interface Props {
  slug: string;
  assignmentId: string;
  timeZoneLabel: string;
  initial: AssignmentFormValues;
  /** Quiz assignments only: when explanations reach students, as the form's value. */
  explanationRelease?: string | undefined;
  readOnly: boolean;
}

export function AssignmentForm({ slug, assignmentId, timeZoneLabel, initial, explanationRelease, readOnly }: Props) {
  const [state, formAction, pending] = useActionState(updateAssignmentAction, null);
  const values = { ...initial, ...(state && !state.ok ? state.values : {}) } as AssignmentFormValues;
  const errors: Record<string, string[] | undefined> = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const invalid = (Object.keys(LABELS) as AssignmentFormField[]).filter((name) => errors[name]);
  // Uncontrolled controls take their default only when mounted (a <select> never re-reads it), so the form
  // is mounted afresh whenever the saved values change, and with the typed values after a refusal.
  const shown = explanationRelease === undefined ? initial : { ...initial, explanationRelease };
  const formKey = JSON.stringify(state && !state.ok ? state.values : shown);
  const shownRelease = state && !state.ok && typeof state.values?.explanationRelease === "string" ? state.values.explanationRelease : explanationRelease;
  return (
    <form action={formAction} className="stack" key={formKey}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="shown" value={JSON.stringify(shown)} />
      <p id="zone-hint" className="field-hint">
        Dates and times are in the course&apos;s time zone, <strong>{timeZoneLabel}</strong>. Leave a date empty for none.
      </p>
      <PolicyFields
        values={values}
        errors={errors}
        readOnly={readOnly}
        zoneHintId="zone-hint"
        besideAttempts={
          <div className="field">
            <label htmlFor="field-points">{LABELS.points}</label>
            <input type="number" min={0} step={1} required {...controlProps("points", { value: values.points, errors, readOnly })} />
            <FieldError name="points" errors={errors} />
          </div>
        }
      />
      {shownRelease !== undefined ? (
        <ExplanationReleaseField initial={shownRelease} disabled={readOnly} errors={errors.explanationRelease} />
      ) : null}
      {readOnly ? (
        <p className="hint">TAs can read an assignment; only instructors change it.</p>
      ) : (
        <div className="form-actions">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save assignment"}
          </button>
        </div>
      )}
      {state ? (
        state.ok ? (
          <p className="success" role="status">
            {state.data.message}
          </p>
        ) : (
          <p className="error" role="alert">
            {state.error}
            {invalid.length > 0 ? ` Check: ${invalid.map((name) => LABELS[name]).join(", ")}.` : ""}
          </p>
        )
      ) : null}
    </form>
  );
}
