"use client";

import { useActionState } from "react";
import { FormStatus } from "../_forms/ActionForm";
import { disableJoinCodeAction, rotateJoinCodeAction } from "./actions";

export function JoinCodeControls({ slug, enabled }: { slug: string; enabled: boolean }) {
  const [rotateState, rotate, rotating] = useActionState(rotateJoinCodeAction, null);
  const [disableState, disable, disabling] = useActionState(disableJoinCodeAction, null);
  return (
    <div className="stack">
      <div className="catalogue-actions">
        <form action={rotate}>
          <input type="hidden" name="slug" value={slug} />
          <button className="button small" type="submit" disabled={rotating}>
            {enabled ? "Generate a new code" : "Turn on joining by code"}
          </button>
        </form>
        {enabled ? (
          <form action={disable}>
            <input type="hidden" name="slug" value={slug} />
            <button className="button secondary small" type="submit" disabled={disabling}>
              Turn joining by code off
            </button>
          </form>
        ) : null}
      </div>
      <FormStatus state={rotateState} />
      <FormStatus state={disableState} />
    </div>
  );
}
