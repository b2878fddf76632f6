import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { findSessionUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tensorgrade", template: "%s · Tensorgrade" },
  description: "Exercises and automated grading for a course on neural networks with TensorFlow.js",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await findSessionUser();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Tensor<span>grade</span>
          </Link>
          <nav aria-label="Account">
            {user ? (
              <>
                <span data-testid="signed-in-as">{user.name}</span>
                {can(user, "administer-site") ? <Link href="/admin">Admin</Link> : null}
                <Link href="/account">Account</Link>
                <Link href="/join">Join a course</Link>
                <Link href="/signout">Sign out</Link>
              </>
            ) : (
              <Link href="/signin">Sign in</Link>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
