"use client";

import Link from "next/link";
import { ActionForm } from "../../_forms/ActionForm";
import { moveAssignmentToVersionAction } from "./actions";

/** "Version X · newer version Y published — Move to it"; the regrade offer follows on the page. */
export function VersionMoveForm({ slug, assignmentId, pinned, latest }: { slug: string; assignmentId: string; pinned: string; latest: string }) {
  return (
    <section className="card notice version-move" aria-labelledby="version-move-title" data-testid="version-move">
      <h2 id="version-move-title">Exercise version</h2>
      <p>
        Version <code>{pinned.slice(0, 12)}</code> · newer version <code>{latest.slice(0, 12)}</code> published
      </p>
      <ActionForm action={moveAssignmentToVersionAction} submitLabel="Move to it" pendingLabel="Moving…" className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="assignmentId" value={assignmentId} />
        <input type="hidden" name="version" value={latest} />
      </ActionForm>
      <p className="hint">
        New submissions are graded against the version the assignment uses. After moving, <Link href={`/courses/${slug}/manage/assignments/${assignmentId}/regrade`}>regrade the earlier submissions</Link> to
        grade them against it too.
      </p>
    </section>
  );
}
