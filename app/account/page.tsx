import type { Metadata } from "next";
import { requirePageUserAllowingPasswordChange } from "@/lib/auth/page-guards";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";
import { ChangePasswordForm } from "./ChangePasswordForm";
import "@/app/manage.css";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUserAllowingPasswordChange("/account");
  return (
    <div className="form card">
      <h1>Your account</h1>
      <p className="muted">
        Signed in as {user.name} ({user.email}).
      </p>
      {user.mustChangePassword ? (
        <p className="notice" role="status" data-testid="must-change-password">
          You signed in with a one-time password. Choose a password of your own before you continue.
        </p>
      ) : null}
      <h2>Change password</h2>
      <ChangePasswordForm email={user.email} minLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
