"use client";

import { useActionState } from "react";
import { updateAssignmentAction } from "./actions";
import { ExplanationReleaseField } from "./ExplanationReleaseField";

export interface AssignmentFormValues {
  opensAt: string;
  dueAt: string;
  lateCutoffAt: string;
  attemptLimit: string;
  points: string;
  latePolicy: "none" | "penalty";
  latePenaltyPerDay: string;
  /** Quiz assignments only. */
  explanationRelease?: string;
}

interface Props {
  slug: string;
  assignmentId: string;
  timeZoneLabel: string;
  initial: AssignmentFormValues;
  readOnly: boolean;
}

export function AssignmentForm({ slug, assignmentId, timeZoneLabel, initial, readOnly }: Props) {
  const [state, formAction, pending] = useActionState(updateAssignmentAction, null);
  const values = { ...initial, ...(state && !state.ok ? state.values : {}) } as AssignmentFormValues;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const field = (name: keyof AssignmentFormValues) => ({
    id: `field-${name}`,
    name,
    defaultValue: values[name],
    disabled: readOnly,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [errors[name] ? `error-${name}` : null, ["opensAt", "dueAt", "lateCutoffAt"].includes(name) ? "zone-hint" : null]
      .filter(Boolean)
      .join(" ") || undefined,
  });
  const error = (name: keyof AssignmentFormValues) =>
    errors[name] ? (
      <p className="field-error" id={`error-${name}`}>
        {errors[name].join("; ")}
      </p>
    ) : null;

  return (
    <form action={formAction} className="stack" key={state && !state.ok ? JSON.stringify(state.values) : "saved"}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <p id="zone-hint" className="field-hint">
        Dates and times are in the course&apos;s time zone, <strong>{timeZoneLabel}</strong>. Leave a date empty for none.
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-opensAt">Opens</label>
          <input type="datetime-local" {...field("opensAt")} />
          {error("opensAt")}
        </div>
        <div className="field">
          <label htmlFor="field-dueAt">Due</label>
          <input type="datetime-local" {...field("dueAt")} />
          {error("dueAt")}
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-attemptLimit">Attempt limit</label>
          <input type="number" min={1} step={1} placeholder="unlimited" {...field("attemptLimit")} />
          {error("attemptLimit")}
        </div>
        <div className="field">
          <label htmlFor="field-points">Points</label>
          <input type="number" min={0} step={1} required {...field("points")} />
          {error("points")}
        </div>
      </div>
      <div className="field">
        <label htmlFor="field-latePolicy">Late policy</label>
        <select {...field("latePolicy")}>
          <option value="none">none: no submissions after the due date</option>
          <option value="penalty">penalty: lose a share per started day late, up to a cut-off</option>
        </select>
        {error("latePolicy")}
      </div>
      <p className="field-hint">With the penalty policy:</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-latePenaltyPerDay">Penalty per day (%)</label>
          <input type="number" min={0} max={100} step="any" {...field("latePenaltyPerDay")} />
          {error("latePenaltyPerDay")}
        </div>
        <div className="field">
          <label htmlFor="field-lateCutoffAt">Late cut-off</label>
          <input type="datetime-local" {...field("lateCutoffAt")} />
          {error("lateCutoffAt")}
        </div>
      </div>
      {values.explanationRelease !== undefined ? (
        <ExplanationReleaseField initial={values.explanationRelease} disabled={readOnly} errors={errors.explanationRelease} />
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
          </p>
        )
      ) : null}
    </form>
  );
}
