"use client";

import { useActionState } from "react";
import { FormStatus } from "../_forms/ActionForm";
import { revokeAccommodationAction } from "./actions";

/** Revokes one grant, behind a disclosure so that one click does not. */
export function RevokeButton({ slug, accommodationId, describe }: { slug: string; accommodationId: string; describe: string }) {
  const [state, formAction, pending] = useActionState(revokeAccommodationAction, null);
  return (
    <>
      <details>
        <summary>Revoke…</summary>
        <form action={formAction} className="inline-form">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="accommodationId" value={accommodationId} />
          <button className="button danger small" type="submit" disabled={pending}>
            Revoke {describe}
          </button>
        </form>
      </details>
      <FormStatus state={state} />
    </>
  );
}
