"use client";

import { useActionState } from "react";
import { FormStatus } from "../../_forms/ActionForm";
import { syncLmsRosterAction } from "./actions";

export function SyncRosterButton({ slug, contextRowId, title }: { slug: string; contextRowId: string; title: string }) {
  const [state, sync, syncing] = useActionState(syncLmsRosterAction, null);
  return (
    <div className="stack">
      <form action={sync}>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="contextRowId" value={contextRowId} />
        <button className="button small" type="submit" disabled={syncing} aria-label={`Sync roster now from ${title}`}>
          {syncing ? "Syncing…" : "Sync roster now"}
        </button>
      </form>
      {state?.ok && state.data.failed ? (
        <p className="error" role="alert">
          {state.data.message}
        </p>
      ) : (
        <FormStatus state={state} />
      )}
    </div>
  );
}
