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
import { beginSession } from "./current-session";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

let cached: AuthOptions | undefined;

/**
 * next-auth configuration: email + password, JWT sessions carrying the user id, the account's session
 * version and this sign-in's session id (during timed work only the newest sign-in's session is served).
 */
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
          const sessionId = await beginSession(db, user.id);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId };
        },
      }),
    ],
    callbacks: {
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // Roles are deliberately not in the token: every guard reads them from the database. The session
      // version is, so that a guard can tell a token issued before the last sign-out from a current one;
      // and the sign-in's session id, so that a second sign-in during timed work ends the first.
      jwt: ({ token, user }) => {
        if (!user) return token;
        const claims = user as { sessionVersion?: number; sessionId?: string };
        return { sub: user.id, email: user.email, name: user.name, sv: claims.sessionVersion, sid: claims.sessionId };
      },
      session: ({ session, token }) => ({
        ...session,
        user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "", sessionVersion: token.sv, sessionId: token.sid },
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
