"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { resetAccountPasswordAction, setAccountDisabledAction, signOutEverywhereAction } from "./actions";

interface Props {
  account: { id: string; email: string; disabled: boolean };
}

/** Per account on the admin page: disable or re-enable, sign out everywhere, reset the password. */
export function AccountControls({ account }: Props) {
  const [disableState, disable, disablePending] = useActionState(setAccountDisabledAction, null);
  const [signOutState, signOut, signOutPending] = useActionState(signOutEverywhereAction, null);
  const [resetState, reset, resetPending] = useActionState(resetAccountPasswordAction, null);
  const hidden = <input type="hidden" name="userId" value={account.id} />;
  const resetDone = resetState?.ok ? resetState.data : null;
  return (
    <div className="stack">
      <div className="inline-form">
        <form action={disable}>
          {hidden}
          <input type="hidden" name="change" value={account.disabled ? "enable" : "disable"} />
          <button className={account.disabled ? "button secondary small" : "button danger small"} type="submit" disabled={disablePending}>
            {account.disabled ? `Enable ${account.email}` : `Disable ${account.email}`}
          </button>
        </form>
        <form action={signOut}>
          {hidden}
          <button className="button secondary small" type="submit" disabled={signOutPending}>
            Sign {account.email} out everywhere
          </button>
        </form>
        <form action={reset}>
          {hidden}
          <button className="button secondary small" type="submit" disabled={resetPending}>
            Reset password of {account.email}
          </button>
        </form>
      </div>
      <FormStatus state={disableState} />
      <FormStatus state={signOutState} />
      {resetDone ? (
        <p className="notice" role="status" data-testid="account-password">
          One-time password for {resetDone.email}: <span className="secret">{resetDone.initialPassword}</span>. It is shown
          this once; a new one is chosen at the next sign-in.
        </p>
      ) : (
        <FormStatus state={resetState} />
      )}
    </div>
  );
}
