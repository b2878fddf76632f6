"use client";

import { useActionState } from "react";
import { ActionForm, FormStatus } from "../_forms/ActionForm";
import { copyCatalogueExerciseAction, createCourseExerciseAction, importCourseExerciseAction, setTasMayAuthorAction } from "./actions";

const NAME_HINT = "Lower-case letters, digits and hyphens; the exercise's id is the course's address, a hyphen and this name.";

/** New code exercise / New quiz: a name, then the editor. */
export function NewExerciseForm({ slug, kind }: { slug: string; kind: "code" | "quiz" }) {
  const what = kind === "code" ? "code exercise" : "quiz";
  const id = `new-${kind}-name`;
  return (
    <ActionForm action={createCourseExerciseAction} submitLabel={`New ${what}`} pendingLabel="Creating…" labels={{ name: `Name of the new ${what}` }} className="stack new-exercise">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="kind" value={kind} />
      <label htmlFor={id}>
        Name of the new {what}
        <input id={id} name="name" required pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby={`${id}-hint`} autoComplete="off" spellCheck={false} />
        <span className="field-hint" id={`${id}-hint`}>
          {NAME_HINT}
        </span>
      </label>
    </ActionForm>
  );
}

/** Upload of an exported package; a refused one lists every problem, one per line. */
export function ImportExerciseForm({ slug }: { slug: string }) {
  const [state, formAction, pending] = useActionState(importCourseExerciseAction, null);
  const problems = state && !state.ok ? (state.fieldErrors?.archive ?? []) : [];
  const other = state && !state.ok ? { ...state, fieldErrors: Object.fromEntries(Object.entries(state.fieldErrors ?? {}).filter(([key]) => key !== "archive")) } : state;
  return (
    <form action={formAction} className="stack import-exercise">
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor="import-archive">
        Package to import (.zip or .tar.gz)
        <input id="import-archive" name="archive" type="file" accept=".zip,.tar.gz,.tgz,application/zip,application/gzip" required />
      </label>
      <div className="form-actions">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      <FormStatus state={other} />
      {problems.length > 0 ? (
        <ul className="error import-problems" data-testid="import-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

/** "Copy to this course" beside a catalogue exercise. */
export function CopyExerciseForm({ slug, exerciseId, title }: { slug: string; exerciseId: string; title: string }) {
  const [state, formAction, pending] = useActionState(copyCatalogueExerciseAction, null);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="exerciseId" value={exerciseId} />
      <button className="button small secondary" type="submit" disabled={pending}>
        {pending ? (
          "Copying…"
        ) : (
          <>
            Copy<span className="visually-hidden"> {title}</span> to this course
          </>
        )}
      </button>
      <FormStatus state={state} />
    </form>
  );
}

/** Instructors only: whether the course's TAs may make and edit its exercises. */
export function TasMayAuthorForm({ slug, allowed }: { slug: string; allowed: boolean }) {
  return (
    <ActionForm action={setTasMayAuthorAction} submitLabel={allowed ? "Stop TAs authoring" : "Let TAs author"} pendingLabel="Saving…" className="inline-form tas-may-author">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="allowed" value={allowed ? "false" : "true"} />
      <span className="muted small">{allowed ? "The course's TAs may make and edit its exercises." : "Only instructors make and edit the course's exercises."}</span>
    </ActionForm>
  );
}
