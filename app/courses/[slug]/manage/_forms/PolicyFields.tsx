import type { ReactNode } from "react";
import { POLICY_FORM_LABELS as LABELS, ZONED_FIELDS, type PolicyFormField } from "@/lib/courses/policy-form";
import { LATE_POLICY_CHOICES } from "@/lib/scoring/late-policy-text";
import { controlProps, FieldError } from "./fields";

interface Props {
  values: Partial<Record<PolicyFormField, string>>;
  errors: Record<string, string[] | undefined>;
  readOnly: boolean;
  /** The id of the hint that names the course's time zone (the date controls point to it). */
  zoneHintId: string;
  /** A control shown beside the attempt limit (the assignment form's points). */
  besideAttempts?: ReactNode;
}

/**
 * The dates-and-rules controls that an assessment and an exercise's assignment page share: opens, due,
 * attempts, late policy, penalty and cut-off. Uncontrolled: the form around them is mounted afresh with
 * new values (a <select> never re-reads its default).
 */
export function PolicyFields({ values, errors, readOnly, zoneHintId, besideAttempts }: Props) {
  const field = (name: PolicyFormField) =>
    controlProps(name, { value: values[name], errors, readOnly, hints: (ZONED_FIELDS as readonly string[]).includes(name) ? [zoneHintId] : [] });
  return (
    <>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-opensAt">{LABELS.opensAt}</label>
          <input type="datetime-local" {...field("opensAt")} />
          <FieldError name="opensAt" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="field-dueAt">{LABELS.dueAt}</label>
          <input type="datetime-local" {...field("dueAt")} />
          <FieldError name="dueAt" errors={errors} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-attemptLimit">{LABELS.attemptLimit}</label>
          <input type="number" min={1} step={1} placeholder="unlimited" {...field("attemptLimit")} />
          <FieldError name="attemptLimit" errors={errors} />
        </div>
        {besideAttempts}
      </div>
      <div className="field">
        <label htmlFor="field-latePolicy">{LABELS.latePolicy}</label>
        <select {...field("latePolicy")}>
          <option value="none">{LATE_POLICY_CHOICES.none}</option>
          <option value="penalty">{LATE_POLICY_CHOICES.penalty}</option>
        </select>
        <FieldError name="latePolicy" errors={errors} />
      </div>
      <p className="field-hint">With the penalty policy:</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-latePenaltyPerDay">{LABELS.latePenaltyPerDay}</label>
          <input type="number" min={0} max={100} step="any" {...field("latePenaltyPerDay")} />
          <FieldError name="latePenaltyPerDay" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="field-lateCutoffAt">{LABELS.lateCutoffAt}</label>
          <input type="datetime-local" {...field("lateCutoffAt")} />
          <FieldError name="lateCutoffAt" errors={errors} />
        </div>
      </div>
    </>
  );
}
