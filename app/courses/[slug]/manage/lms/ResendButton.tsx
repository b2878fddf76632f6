"use client";

import { useActionState } from "react";
import { FormStatus } from "../_forms/ActionForm";
import { resendFailedPassbacksAction, resendPassbackAction } from "./actions";

/** "Resend" for one student's passback on one placement. */
export function ResendButton({ slug, resourceLinkRowId, userId, describe }: { slug: string; resourceLinkRowId: string; userId: string; describe: string }) {
  const [state, formAction, pending] = useActionState(resendPassbackAction, null);
  return (
    <>
      <form action={formAction} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="resourceLinkRowId" value={resourceLinkRowId} />
        <input type="hidden" name="userId" value={userId} />
        <button className="button small" type="submit" disabled={pending} aria-label={`Resend ${describe}`}>
          {pending ? "Queuing…" : "Resend"}
        </button>
      </form>
      <FormStatus state={state} />
    </>
  );
}

/** "Resend failed": every failed passback of the course, queued again. */
export function ResendFailedButton({ slug, failed }: { slug: string; failed: number }) {
  const [state, formAction, pending] = useActionState(resendFailedPassbacksAction, null);
  return (
    <>
      <form action={formAction} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <button className="button" type="submit" disabled={pending || failed === 0}>
          {pending ? "Queuing…" : `Resend failed (${failed})`}
        </button>
      </form>
      <FormStatus state={state} />
    </>
  );
}
