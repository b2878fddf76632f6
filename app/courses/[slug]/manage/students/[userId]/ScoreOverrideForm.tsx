"use client";

import { ActionForm } from "../../_forms/ActionForm";
import { adjustSubmissionScoreAction, setAssessmentScoreAction } from "./actions";

interface Props {
  /** A Submit's score or a whole assessment's. */
  target: { kind: "submission"; submissionId: string } | { kind: "assessment"; assessmentId: string; userId: string };
  slug: string;
  /** Unique on the page: prefixes the fields' ids. */
  idPrefix: string;
  /** What the score is out of, in points. */
  possible: number;
  /** Whether staff's score is in place now (removing it is then offered first among the other choices). */
  overridden: boolean;
  submitLabel: string;
}

const LABELS = { change: "What to do", score: "New score", unit: "Unit", comment: "Comment" };

/** Staff's form on a score: set it (percent or points), remove their override, or leave a comment alone. */
export function ScoreOverrideForm({ target, slug, idPrefix, possible, overridden, submitLabel }: Props) {
  const action = target.kind === "submission" ? adjustSubmissionScoreAction : setAssessmentScoreAction;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <ActionForm action={action} submitLabel={submitLabel} labels={LABELS} className="stack override-form">
      {(typed) => (
        <>
          <input type="hidden" name="slug" value={slug} />
          {target.kind === "submission" ? (
            <input type="hidden" name="submissionId" value={target.submissionId} />
          ) : (
            <>
              <input type="hidden" name="assessmentId" value={target.assessmentId} />
              <input type="hidden" name="userId" value={target.userId} />
            </>
          )}
          <fieldset className="override-choice">
            <legend>What to do</legend>
            {(
              [
                ["set", "Set the score"],
                ["remove", "Remove the override"],
                ["comment", "Comment only (score unchanged)"],
              ] as const
            ).map(([value, label]) =>
              value === "remove" && !overridden ? null : (
                <label key={value}>
                  <input type="radio" name="change" value={value} defaultChecked={(typed?.change ?? "set") === value} /> {label}
                </label>
              ),
            )}
          </fieldset>
          {/* Labels beside their controls, not around them: a label's text would take in the textarea's typed default. */}
          <div className="field-row">
            <div className="field">
              <label htmlFor={id("score")}>New score</label>
              <input id={id("score")} name="score" type="number" inputMode="decimal" min={0} step="any" defaultValue={typed?.score} />
            </div>
            <div className="field">
              <label htmlFor={id("unit")}>Unit</label>
              <select id={id("unit")} name="unit" defaultValue={typed?.unit ?? "percent"}>
                <option value="percent">%</option>
                <option value="points">points (of {possible})</option>
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor={id("comment")}>Comment</label>
            <textarea id={id("comment")} name="comment" rows={2} maxLength={2000} defaultValue={typed?.comment} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
