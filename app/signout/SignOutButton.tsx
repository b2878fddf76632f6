"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      className="button"
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // next-auth would redirect to its configured NEXTAUTH_URL origin; a client-side navigation
        // keeps the user on the host they came in on (127.0.0.1, a LAN name, …).
        const signedOut = await signOut({ redirect: false }).then(
          () => true,
          () => false,
        );
        if (!signedOut) {
          setPending(false);
          return;
        }
        router.replace("/signin");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
