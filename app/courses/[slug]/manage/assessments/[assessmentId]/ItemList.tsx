"use client";

import { startTransition, useRef, useState } from "react";
import Link from "next/link";
import { plural } from "@/lib/format/plural";
import { MoveButtons, MoveStatus } from "../../_forms/MoveButtons";
import { useReorder } from "../../_forms/use-reorder";
import { FieldError } from "../../_forms/fields";
import { useAssessmentForm } from "../AssessmentForm";
import { removeItemAction, reorderItemsAction } from "./actions";

export interface ItemView {
  id: string;
  label: string;
  exerciseId: string;
  kind: string;
  topic: string;
  points: number;
  submissions: number;
  runs: number;
}

interface Props {
  slug: string;
  assessmentId: string;
  items: ItemView[];
  /** /courses/<slug>/manage */
  base: string;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const entry of [value].flat()) data.append(key, entry);
  return data;
}

/**
 * The assessment's exercises in order, inside the assessment form: each one's points (saved with the form),
 * Move up / Move down and Remove (saved at once), and a link to its own settings page.
 */
export function ItemList({ slug, assessmentId, items, base }: Props) {
  const { values, errors, readOnly } = useAssessmentForm();
  const { order, move, announcement, error } = useReorder(items, (ids) => reorderItemsAction(null, form({ slug, assessmentId, ids })));
  const [removal, setRemoval] = useState<{ message: string; ok: boolean } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const total = order.reduce((sum, item) => sum + item.points, 0);

  async function remove(item: ItemView, confirmed: boolean) {
    const result = await removeItemAction(null, form({ slug, assessmentId, assignmentId: item.id, ...(confirmed ? { confirm: "yes" } : {}) }));
    setRemoval(result.ok ? { message: result.data.message, ok: true } : { message: result.error, ok: false });
    if (result.ok) heading.current?.focus();
  }

  return (
    <section aria-labelledby="items-title" className="assessment-items">
      <h2 id="items-title" ref={heading} tabIndex={-1}>
        Exercises
      </h2>
      <p className="muted small" data-testid="items-summary">
        {plural(order.length, "exercise")}, {plural(total, "point")} in all (as saved). The order is saved at once; points are saved with the form.
      </p>
      {order.length === 0 ? (
        <p className="card empty">No exercise yet: add some from the catalogue below.</p>
      ) : (
        <ol className="item-list" data-testid="assessment-items">
          {order.map((item, index) => (
            <li key={item.id} className="item-row" data-exercise-id={item.exerciseId}>
              <div className="item-head">
                <span className="item-position" aria-hidden="true">
                  {index + 1}.
                </span>
                <strong className="item-title">{item.label}</strong>
                <span className="badge">{item.kind}</span>
                <span className="muted small">{item.topic}</span>
              </div>
              <div className="item-controls">
                <span className="field item-points">
                  <label htmlFor={`field-points.${item.id}`}>
                    Points<span className="visually-hidden"> for {item.label}</span>
                  </label>
                  <input
                    type="number"
                    min={0}
                    max={10000}
                    step={1}
                    required
                    id={`field-points.${item.id}`}
                    name={`points.${item.id}`}
                    defaultValue={values[`points.${item.id}`] ?? String(item.points)}
                    disabled={readOnly}
                    aria-invalid={errors[`points.${item.id}`] ? true : undefined}
                    aria-describedby={errors[`points.${item.id}`] ? `error-points.${item.id}` : undefined}
                  />
                  <FieldError name={`points.${item.id}`} errors={errors} />
                </span>
                {readOnly ? null : <MoveButtons id={item.id} label={item.label} index={index} count={order.length} move={move} />}
                {readOnly ? null : <RemoveButton item={item} remove={remove} />}
                <Link href={`${base}/assignments/${item.id}`} className="small">
                  Exercise settings<span className="visually-hidden"> of {item.label}</span>
                </Link>
              </div>
              <p className="muted small item-activity">
                {item.submissions + item.runs === 0 ? "No submissions yet." : `${plural(item.submissions, "submission")} and ${plural(item.runs, "run")}.`}
              </p>
            </li>
          ))}
        </ol>
      )}
      <MoveStatus announcement={announcement} error={error} />
      {removal ? (
        <p className={removal.ok ? "success" : "error"} role={removal.ok ? "status" : "alert"}>
          {removal.message}
        </p>
      ) : null}
    </section>
  );
}

/** Remove at once when nobody has sent anything; otherwise ask first, saying what is deleted with it. */
function RemoveButton({ item, remove }: { item: ItemView; remove: (item: ItemView, confirmed: boolean) => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const used = item.submissions + item.runs > 0;
  const run = (confirmed: boolean) => {
    setPending(true);
    startTransition(async () => {
      await remove(item, confirmed);
      setPending(false);
    });
  };
  if (asking) {
    return (
      <span className="item-confirm" role="group" aria-labelledby={`confirm-${item.id}`}>
        <span id={`confirm-${item.id}`}>
          Remove {item.label}? Its {plural(item.submissions, "submission")} and {plural(item.runs, "run")}, with their results, are deleted.
        </span>
        <button type="button" className="button danger small" ref={confirmButton} autoFocus disabled={pending} onClick={() => run(true)}>
          Remove with its submissions
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            setAsking(false);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        >
          Cancel
        </button>
      </span>
    );
  }
  return (
    <button type="button" ref={opener} className="button secondary small" disabled={pending} onClick={() => (used ? setAsking(true) : run(false))}>
      {used ? "Remove…" : "Remove"}
      <span className="visually-hidden"> {item.label}</span>
    </button>
  );
}
