"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { FormStatus } from "../../_forms/ActionForm";
import { addExerciseAction } from "./actions";

export interface PickerEntry {
  id: string;
  title: string;
  kind: string;
  difficulty: string;
  points: number;
  /** Already an exercise of this assessment: marked, not addable. */
  inThis: boolean;
}

interface Props {
  slug: string;
  assessmentId: string;
  topics: Array<{ topic: string; entries: PickerEntry[] }>;
}

/** The catalogue and the course's own exercises by topic, searchable by title, each added at the end of the assessment. */
export function ExercisePicker({ slug, assessmentId, topics }: Props) {
  const [query, setQuery] = useState("");
  const [state, addAction, pending] = useActionState(addExerciseAction, null);
  const status = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const needle = query.trim().toLowerCase();
  const shown = topics
    .map(({ topic, entries }) => ({ topic, entries: entries.filter((entry) => needle === "" || entry.title.toLowerCase().includes(needle)) }))
    .filter(({ entries }) => entries.length > 0);
  const matches = shown.reduce((sum, { entries }) => sum + entries.length, 0);

  // The Add button that was pressed is gone once its exercise is in: keep the keyboard near, on the outcome.
  useEffect(() => {
    if (state) status.current?.focus();
  }, [state]);

  return (
    <section aria-labelledby="picker-title" className="exercise-picker">
      <h2 id="picker-title">Add exercises</h2>
      <div className="field picker-search">
        <label htmlFor={searchId}>Search by title</label>
        <input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} aria-describedby={`${searchId}-count`} autoComplete="off" />
        <p className="field-hint" id={`${searchId}-count`} aria-live="polite">
          {needle === "" ? `${matches} exercises, by topic.` : `${matches} ${matches === 1 ? "exercise matches" : "exercises match"} “${query.trim()}”.`}
        </p>
      </div>
      <div ref={status} tabIndex={-1} className="picker-status">
        <FormStatus state={state} />
      </div>
      {shown.map(({ topic, entries }, index) => (
        // Topic names hold spaces, which ids must not (aria-labelledby would read them as several ids).
        <section key={topic} aria-labelledby={`picker-topic-${index}`}>
          <h3 id={`picker-topic-${index}`}>{topic}</h3>
          <ul className="picker-list">
            {entries.map((entry) => (
              <li key={entry.id} className="picker-row" data-exercise-id={entry.id}>
                <span className="picker-title">{entry.title}</span>
                <span className="muted small">
                  {entry.kind} · {entry.difficulty} · {entry.points} points
                </span>
                {entry.inThis ? (
                  <span className="badge" data-testid="in-assessment">
                    In this assessment
                  </span>
                ) : (
                  <form action={addAction} className="inline-form">
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="assessmentId" value={assessmentId} />
                    <input type="hidden" name="exerciseId" value={entry.id} />
                    <button className="button small" type="submit" disabled={pending}>
                      Add<span className="visually-hidden"> {entry.title}</span>
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
