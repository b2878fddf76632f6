"use client";

import { useActionState } from "react";
import { ASSIGNMENT_FORM_LABELS as LABELS, type AssignmentFormField, type AssignmentFormValues } from "@/lib/courses/assignment-form";
import { LATE_POLICY_CHOICES } from "@/lib/scoring/late-policy-text";
import { updateAssignmentAction } from "./actions";
import { ExplanationReleaseField } from "../../_forms/ExplanationReleaseField";

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
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const invalid = (Object.keys(LABELS) as AssignmentFormField[]).filter((name) => errors[name]);
  // Uncontrolled controls take their default only when mounted (a <select> never re-reads it), so the form
  // is mounted afresh whenever the saved values change, and with the typed values after a refusal.
  const shown = explanationRelease === undefined ? initial : { ...initial, explanationRelease };
  const formKey = JSON.stringify(state && !state.ok ? state.values : shown);
  const shownRelease = state && !state.ok && typeof state.values?.explanationRelease === "string" ? state.values.explanationRelease : explanationRelease;
  const field = (name: AssignmentFormField) => ({
    id: `field-${name}`,
    name,
    defaultValue: values[name],
    disabled: readOnly,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [errors[name] ? `error-${name}` : null, ["opensAt", "dueAt", "lateCutoffAt"].includes(name) ? "zone-hint" : null]
      .filter(Boolean)
      .join(" ") || undefined,
  });
  const error = (name: AssignmentFormField) =>
    errors[name] ? (
      <p className="field-error" id={`error-${name}`}>
        {errors[name].join("; ")}
      </p>
    ) : null;

  return (
    <form action={formAction} className="stack" key={formKey}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="shown" value={JSON.stringify(shown)} />
      <p id="zone-hint" className="field-hint">
        Dates and times are in the course&apos;s time zone, <strong>{timeZoneLabel}</strong>. Leave a date empty for none.
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-opensAt">{LABELS.opensAt}</label>
          <input type="datetime-local" {...field("opensAt")} />
          {error("opensAt")}
        </div>
        <div className="field">
          <label htmlFor="field-dueAt">{LABELS.dueAt}</label>
          <input type="datetime-local" {...field("dueAt")} />
          {error("dueAt")}
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-attemptLimit">{LABELS.attemptLimit}</label>
          <input type="number" min={1} step={1} placeholder="unlimited" {...field("attemptLimit")} />
          {error("attemptLimit")}
        </div>
        <div className="field">
          <label htmlFor="field-points">{LABELS.points}</label>
          <input type="number" min={0} step={1} required {...field("points")} />
          {error("points")}
        </div>
      </div>
      <div className="field">
        <label htmlFor="field-latePolicy">{LABELS.latePolicy}</label>
        <select {...field("latePolicy")}>
          <option value="none">{LATE_POLICY_CHOICES.none}</option>
          <option value="penalty">{LATE_POLICY_CHOICES.penalty}</option>
        </select>
        {error("latePolicy")}
      </div>
      <p className="field-hint">With the penalty policy:</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-latePenaltyPerDay">{LABELS.latePenaltyPerDay}</label>
          <input type="number" min={0} max={100} step="any" {...field("latePenaltyPerDay")} />
          {error("latePenaltyPerDay")}
        </div>
        <div className="field">
          <label htmlFor="field-lateCutoffAt">{LABELS.lateCutoffAt}</label>
          <input type="datetime-local" {...field("lateCutoffAt")} />
          {error("lateCutoffAt")}
        </div>
      </div>
      {shownRelease !== undefined ? (
        <ExplanationReleaseField initial={shownRelease} disabled={readOnly} errors={(errors as Record<string, string[] | undefined>).explanationRelease} />
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
