import type { Metadata } from "next";
import { SignOutButton } from "./SignOutButton";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <div className="form card">
      <h1>Sign out</h1>
      <p className="muted">You will need your email and password to come back.</p>
      <SignOutButton />
    </div>
  );
}
