"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { describeSignInError } from "@/lib/auth/sign-in-errors";

export function SignInForm({ callbackPath, notice = null }: { callbackPath: string; notice?: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => undefined);
    setPending(false);
    if (!result?.ok || result.error) {
      setError(result ? describeSignInError(result.error) : "Could not reach the server. Try again.");
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <form className="form card" onSubmit={onSubmit} aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {notice ? (
        <p className="hint" data-testid="signin-notice">
          {notice}
        </p>
      ) : null}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
