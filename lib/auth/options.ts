import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { getDb } from "../db";
import { safeRedirectUrl } from "./callback-url";
import { resolveAuthSecret } from "./secret";
import { RATE_LIMITED_PREFIX } from "./sign-in-errors";
import { clientAddress, forgiveSignInAttempt, hitSignInLimits } from "./sign-in-limits";
import { verifyCredentials } from "./verify-credentials";
import { endSessionsOnSignOut } from "../users/accounts";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

let cached: AuthOptions | undefined;

/** next-auth configuration: email + password, JWT sessions carrying only the user id. */
export function getAuthOptions(): AuthOptions {
  cached ??= {
    secret: resolveAuthSecret(env()),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          const db = await getDb();
          const email = String(credentials?.email ?? "");
          const address = clientAddress(request?.headers);
          const limit = await hitSignInLimits(db, email, address);
          if (!limit.allowed) throw new Error(`${RATE_LIMITED_PREFIX}${limit.retryAfterSeconds}`);
          const user = await verifyCredentials(db, credentials);
          if (!user) return null;
          await forgiveSignInAttempt(db, email, address);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // Roles are deliberately not in the token: every guard reads them from the database. The session
      // version is, so that a guard can tell a token issued before the last sign-out from a current one.
      jwt: ({ token, user }) =>
        user
          ? { sub: user.id, email: user.email, name: user.name, sv: (user as { sessionVersion?: number }).sessionVersion }
          : token,
      session: ({ session, token }) => ({
        ...session,
        user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "", sessionVersion: token.sv },
      }),
    },
    events: {
      // The cookie next-auth clears may have been copied: end the session on the server too.
      async signOut({ token }) {
        await endSessionsOnSignOut(await getDb(), token);
      },
    },
  };
  return cached;
}
