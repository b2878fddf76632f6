"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormStatus } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { changePasswordAction } from "./actions";

interface Props {
  email: string;
  minLength: number;
}

/**
 * Current and new password. A change ends every session, this one too, so on success the form signs in
 * again with the new password and goes home.
 */
export function ChangePasswordForm({ email, minLength }: Props) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(changePasswordAction, null);
  const newPassword = useRef("");
  const [signInFailed, setSignInFailed] = useState(false);
  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", { email, password: newPassword.current, redirect: false }).then((result) => {
      if (result?.ok && !result.error) {
        router.replace("/");
        router.refresh();
      } else {
        setSignInFailed(true);
      }
    });
  }, [state, email, router]);
  return (
    <form
      action={formAction}
      className="stack"
      onSubmit={(event) => {
        newPassword.current = String(new FormData(event.currentTarget).get("newPassword") ?? "");
      }}
    >
      <label>
        Current password
        <input name="currentPassword" type="password" required autoComplete="current-password" />
      </label>
      <label>
        New password
        <input name="newPassword" type="password" required minLength={minLength} maxLength={1024} autoComplete="new-password" aria-describedby="new-password-hint" />
      </label>
      <p id="new-password-hint" className="field-hint">
        At least {minLength} characters, not one of the most common passwords. Every session of your account ends when it
        changes.
      </p>
      <div className="form-actions">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Change password"}
        </button>
      </div>
      <FormStatus state={state} labels={{ currentPassword: "Current password", newPassword: "New password" }} />
      {signInFailed ? (
        <p className="error" role="alert">
          Your password was changed, but signing in again did not work: <a href="/signin">sign in</a> with the new one.
        </p>
      ) : null}
    </form>
  );
}
