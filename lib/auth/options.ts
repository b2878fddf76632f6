import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { getDb } from "../db";
import { safeRedirectUrl } from "./callback-url";
import { resolveAuthSecret } from "./secret";
import { RATE_LIMITED_PREFIX } from "./sign-in-errors";
import { clientAddress, forgiveSignInAttempt, hitSignInLimits } from "./sign-in-limits";
import { verifyCredentials } from "./verify-credentials";

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
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // Roles are deliberately not in the token: every guard reads them from the database.
      jwt: ({ token, user }) => (user ? { sub: user.id, email: user.email, name: user.name } : token),
      session: ({ session, token }) => ({
        ...session,
        user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? "" },
      }),
    },
  };
  return cached;
}
