"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      className="button"
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // next-auth would send the browser to its configured NEXTAUTH_URL origin; a relative
        // navigation keeps the user on the host they came in on (127.0.0.1, a LAN name, …).
        const signedOut = await signOut({ redirect: false }).then(
          () => true,
          () => false,
        );
        if (signedOut) window.location.assign("/signin");
        else setPending(false);
      }}
    >
      Sign out
    </button>
  );
}
