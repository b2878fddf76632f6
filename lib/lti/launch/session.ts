import "server-only";
import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { users } from "../../db/schema";
import { cookieAttributes } from "./cookies";
import { beginSession } from "../../auth/current-session";
import { getAuthOptions, SESSION_MAX_AGE_SECONDS } from "../../auth/options";

/** next-auth's session cookie name: the `__Secure-` one over https, as next-auth itself chooses. */
export function sessionCookieName(https: boolean): string {
  return `${https ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * Signs the user in as a password sign-in does (a new session: the same token claims sub, email, name,
 * sv, sid) and returns next-auth's session token for it.
 */
export async function ltiSessionToken(db: Db, userId: string): Promise<string> {
  const sessionId = await beginSession(db, userId);
  const [user] = await db.select({ email: users.email, name: users.name, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error("the launched user is gone");
  return encode({
    token: { sub: userId, email: user.email, name: user.name, sv: user.sessionVersion, sid: sessionId },
    secret: getAuthOptions().secret!,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** As ltiSessionToken, as the Set-Cookie value of next-auth's session cookie, frameable by an LMS over https. */
export async function ltiSessionCookie(db: Db, userId: string, https: boolean): Promise<string> {
  return `${sessionCookieName(https)}=${await ltiSessionToken(db, userId)}; ${cookieAttributes(https, SESSION_MAX_AGE_SECONDS)}`;
}
