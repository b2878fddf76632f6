"use client";

import { ActionForm } from "../../_forms/ActionForm";
import { setReleaseAction } from "./actions";

interface Props {
  slug: string;
  assessmentId: string;
  /** "Released on …" or null while held back. */
  releasedText: string | null;
  /** TAs read the state; only instructors change it. */
  canEdit: boolean;
}

/** The manual release of an assessment's scores and feedback: its state and the one button that changes it. */
export function ReleaseControl({ slug, assessmentId, releasedText, canEdit }: Props) {
  const released = releasedText !== null;
  return (
    <section className="card" aria-labelledby="release-title" data-testid="release-control">
      <h2 id="release-title">Release of scores and feedback</h2>
      <p data-testid="release-state">
        <strong>{released ? releasedText : "Held back"}</strong>
        {released ? " Students see their scores and feedback." : " Students see \u201cSubmitted\u201d and no score until you release them."}
      </p>
      {canEdit ? (
        <ActionForm action={setReleaseAction} submitLabel={released ? "Hold back again" : "Release scores and feedback"} pendingLabel="Saving…" buttonClassName={released ? "button secondary" : "button"}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="assessmentId" value={assessmentId} />
          <input type="hidden" name="release" value={released ? "hold" : "release"} />
        </ActionForm>
      ) : null}
    </section>
  );
}
