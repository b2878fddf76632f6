"use client";

import { useActionState } from "react";
import { FormStatus } from "../_forms/ActionForm";
import { grantAccommodationAction } from "./actions";

/** The form's labels, by field name: errors name a field by these. */
const LABELS = {
  target: "Student or group",
  assessmentId: "Assessment",
  dueAt: "Extended due date",
  extraAttempts: "Extra attempts",
  waiveLatePenalty: "Waive the late penalty",
  timeMultiplier: "Time multiplier",
  note: "Note",
} as const;
type Field = keyof typeof LABELS;

export interface GrantFormValues {
  target: string;
  assessmentId: string;
  dueAt: string;
  extraAttempts: string;
  waiveLatePenalty: boolean;
  timeMultiplier: string;
  note: string;
}

export interface GrantFormChoices {
  students: Array<{ id: string; name: string; email: string }>;
  groups: Array<{ id: string; label: string }>;
  assessments: Array<{ id: string; title: string; due: string | null }>;
}

interface Props {
  slug: string;
  /** Unique on the page: every control's id starts with it. */
  idPrefix: string;
  timeZoneLabel: string;
  choices: GrantFormChoices;
  initial?: Partial<GrantFormValues>;
  /** A change of an existing grant: its student or group and its assessment stay (named here). */
  fixed?: { target: boolean; assessment: boolean; describe: string };
  submitLabel: string;
}

/** Grants an accommodation, or changes one (the same student or group and assessment): the new terms replace the old. */
export function GrantForm({ slug, idPrefix, timeZoneLabel, choices, initial, fixed, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(grantAccommodationAction, null);
  const typed = state && !state.ok ? state.values : undefined;
  const values: GrantFormValues = {
    target: typed?.target ?? initial?.target ?? "",
    assessmentId: typed?.assessmentId ?? initial?.assessmentId ?? "",
    dueAt: typed?.dueAt ?? initial?.dueAt ?? "",
    extraAttempts: typed?.extraAttempts ?? initial?.extraAttempts ?? "0",
    waiveLatePenalty: typed ? typed.waiveLatePenalty === "on" : (initial?.waiveLatePenalty ?? false),
    timeMultiplier: typed?.timeMultiplier ?? initial?.timeMultiplier ?? "",
    note: typed?.note ?? initial?.note ?? "",
  };
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = (name: Field) => `${idPrefix}-${name}`;
  const control = (name: Field, hint?: string) => ({
    id: id(name),
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [errors[name] ? `${id(name)}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined,
  });
  const error = (name: Field) =>
    errors[name] ? (
      <p className="field-error" id={`${id(name)}-error`}>
        {errors[name].join("; ")}
      </p>
    ) : null;
  // Remounted with the typed values after a refusal: uncontrolled controls read their default once.
  const formKey = JSON.stringify(typed ?? initial ?? {});
  const zoneHint = `${idPrefix}-zone`;
  return (
    <form action={formAction} className="stack" key={formKey}>
      <input type="hidden" name="slug" value={slug} />
      {fixed ? <p className="small">{fixed.describe}</p> : null}
      {fixed?.target ? (
        <input type="hidden" name="target" value={values.target} />
      ) : (
        <div className="field">
          <label htmlFor={id("target")}>{LABELS.target}</label>
          <select {...control("target")} defaultValue={values.target} required>
            <option value="">Choose…</option>
            <optgroup label="Students">
              {choices.students.map((student) => (
                <option key={student.id} value={`user:${student.id}`}>
                  {student.name} ({student.email})
                </option>
              ))}
            </optgroup>
            {choices.groups.length > 0 ? (
              <optgroup label="Groups">
                {choices.groups.map((group) => (
                  <option key={group.id} value={`group:${group.id}`}>
                    Group: {group.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          {error("target")}
        </div>
      )}
      {fixed?.assessment ? (
        <input type="hidden" name="assessmentId" value={values.assessmentId} />
      ) : (
        <div className="field">
          <label htmlFor={id("assessmentId")}>{LABELS.assessmentId}</label>
          <select {...control("assessmentId")} defaultValue={values.assessmentId} required>
            <option value="">Choose…</option>
            <option value="all">All assessments (no due date change)</option>
            {choices.assessments.map((assessment) => (
              <option key={assessment.id} value={assessment.id}>
                {assessment.title}
                {assessment.due ? ` (due ${assessment.due})` : ""}
              </option>
            ))}
          </select>
          {error("assessmentId")}
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={id("dueAt")}>{LABELS.dueAt}</label>
          <input type="datetime-local" {...control("dueAt", zoneHint)} defaultValue={values.dueAt} />
          {error("dueAt")}
        </div>
        <div className="field">
          <label htmlFor={id("extraAttempts")}>{LABELS.extraAttempts}</label>
          <input type="number" min={0} max={100} step={1} {...control("extraAttempts")} defaultValue={values.extraAttempts} />
          {error("extraAttempts")}
        </div>
      </div>
      <p id={zoneHint} className="field-hint">
        On the course&apos;s clock, <strong>{timeZoneLabel}</strong>; it must be after the assessment&apos;s own due date. Leave it empty to keep
        that one.
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id("timeMultiplier")}>{LABELS.timeMultiplier}</label>
          <input type="number" min={1} max={10} step={0.01} placeholder="1 (no change)" {...control("timeMultiplier")} defaultValue={values.timeMultiplier} />
          {error("timeMultiplier")}
        </div>
        <div className="field">
          <span className="checkbox-field">
            <input type="checkbox" {...control("waiveLatePenalty")} defaultChecked={values.waiveLatePenalty} />
            <label htmlFor={id("waiveLatePenalty")}>{LABELS.waiveLatePenalty}</label>
          </span>
          {error("waiveLatePenalty")}
        </div>
      </div>
      <div className="field">
        <label htmlFor={id("note")}>{LABELS.note}</label>
        <input type="text" maxLength={500} {...control("note")} defaultValue={values.note} />
        {error("note")}
      </div>
      <div className="form-actions">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
      <FormStatus state={state} labels={LABELS} />
    </form>
  );
}
