"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { linkAccountAction } from "./actions";

/** The existing account's password, then "Link and continue". */
export function LinkAccountForm({ pendingId }: { pendingId: string }) {
  const [state, formAction, pending] = useActionState(linkAccountAction, null);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="pendingId" value={pendingId} />
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Linking…" : "Link and continue"}
      </button>
      <FormStatus state={state} labels={{ password: "Password", pendingId: "Account link" }} />
    </form>
  );
}
