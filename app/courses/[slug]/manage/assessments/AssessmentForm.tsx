"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import Link from "next/link";
import { ASSESSMENT_FORM_LABELS as LABELS, type AssessmentFormValues } from "@/lib/courses/assessment-form";
import { PolicyFields } from "../_forms/PolicyFields";
import { controlProps, FieldError } from "../_forms/fields";
import { ExplanationReleaseField } from "../_forms/ExplanationReleaseField";
import { ReleaseFields } from "./ReleaseFields";
import { createAssessmentAction } from "./new/actions";
import { updateAssessmentAction } from "./[assessmentId]/actions";
import type { AssessmentFormState } from "./form-state";

interface Props {
  slug: string;
  /** Absent: the form creates an assessment. */
  assessmentId?: string;
  timeZoneLabel: string;
  initial: AssessmentFormValues;
  /** Further values the form showed (each exercise's points, `points.<id>`): a save writes only what differs. */
  shownExtra?: Record<string, string>;
  categories: Array<{ id: string; name: string }>;
  gradingHref: string;
  readOnly: boolean;
  /** The exercises, inside the form (their points are saved with it). */
  children?: ReactNode;
}

/** What the controls inside the form (the exercises' points) need from it: values as typed after a refusal, and errors. */
export const AssessmentFormContext = createContext<{ values: Record<string, string>; errors: Record<string, string[] | undefined>; readOnly: boolean }>({
  values: {},
  errors: {},
  readOnly: true,
});
export const useAssessmentForm = () => useContext(AssessmentFormContext);

export function AssessmentForm({ slug, assessmentId, timeZoneLabel, initial, shownExtra = {}, categories, gradingHref, readOnly, children }: Props) {
  const creating = assessmentId === undefined;
  const [state, formAction, pending] = useActionState<AssessmentFormState | null, FormData>(creating ? createAssessmentAction : updateAssessmentAction, null);
  const refused = state && !state.ok ? state : null;
  const values: Record<string, string> = { ...initial, ...shownExtra, ...(refused?.values ?? {}) };
  const errors: Record<string, string[] | undefined> = refused?.fieldErrors ?? {};
  const invalid = Object.keys(errors).map((name) => (name in LABELS ? LABELS[name as keyof typeof LABELS] : name.startsWith("points.") ? "Points" : name));
  // Uncontrolled controls take their default only when mounted, so the form is mounted afresh whenever the
  // saved values change, and with the typed values after a refusal.
  const formKey = JSON.stringify(refused?.values ?? initial);
  const field = (name: "title" | "timeLimitMinutes" | "categoryId", hints: string[] = []) => controlProps(name, { value: values[name], errors, readOnly, hints });
  const categoryKnown = values.categoryId === "" || categories.some((category) => category.id === values.categoryId);

  return (
    <form id="assessment-form" action={formAction} className="stack assessment-form" key={formKey}>
      <input type="hidden" name="slug" value={slug} />
      {creating ? null : <input type="hidden" name="assessmentId" value={assessmentId} />}
      {creating ? null : <input type="hidden" name="shown" value={JSON.stringify({ ...initial, ...shownExtra })} />}
      <div className="field">
        <label htmlFor="field-title">{LABELS.title}</label>
        <input type="text" required maxLength={200} autoComplete="off" {...field("title")} />
        <FieldError name="title" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="field-categoryId">{LABELS.categoryId}</label>
        <select {...field("categoryId", ["hint-categoryId"])}>
          <option value="">No category</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
          {categoryKnown ? null : <option value={values.categoryId}>(a category that no longer exists)</option>}
        </select>
        <p className="field-hint" id="hint-categoryId">
          {categories.length === 0 ? (
            <>
              The course has no grade categories yet: <Link href={gradingHref}>set them up under Grading</Link>.
            </>
          ) : (
            "Once the course has categories, an assessment without one does not count toward the course grade."
          )}
        </p>
        <FieldError name="categoryId" errors={errors} />
      </div>
      <p id="zone-hint" className="field-hint">
        Dates and times are in the course&apos;s time zone, <strong>{timeZoneLabel}</strong>. Leave a date empty for none. The dates and rules apply to
        every exercise of the assessment; attempts are per exercise.
      </p>
      <PolicyFields values={values} errors={errors} readOnly={readOnly} zoneHintId="zone-hint" />
      <div className="field">
        <label htmlFor="field-timeLimitMinutes">{LABELS.timeLimitMinutes}</label>
        <input type="number" min={1} step={1} placeholder="untimed" {...field("timeLimitMinutes", ["hint-timeLimitMinutes"])} />
        <p className="field-hint" id="hint-timeLimitMinutes">
          For timed work: the minutes a student has once started (an accommodation multiplies them). Empty for untimed. No timer runs yet: the limit
          is recorded for timed exams.
        </p>
        <FieldError name="timeLimitMinutes" errors={errors} />
      </div>
      <ExplanationReleaseField initial={values.explanationRelease ?? "default"} disabled={readOnly} errors={errors.explanationRelease} />
      <ReleaseFields values={values} errors={errors} readOnly={readOnly} />
      <AssessmentFormContext.Provider value={{ values, errors, readOnly }}>{children}</AssessmentFormContext.Provider>
      {readOnly ? (
        <p className="hint">TAs can read an assessment; only instructors change it.</p>
      ) : (
        <div className="form-actions">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Saving…" : creating ? "Create assessment" : "Save assessment"}
          </button>
        </div>
      )}
      {state ? (
        state.ok ? (
          <p className="success" role="status" data-testid="assessment-saved">
            {state.data.message}
          </p>
        ) : (
          <p className="error" role="alert">
            {state.error}
            {invalid.length > 0 ? ` Check: ${[...new Set(invalid)].join(", ")}.` : ""}
          </p>
        )
      ) : null}
    </form>
  );
}
