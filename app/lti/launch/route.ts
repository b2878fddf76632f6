import { getDb } from "@/lib/db";
import { ltiSessionCookie } from "@/lib/lti/launch/session";
import { getAuthOptions, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/options";
import { FRAME_COOKIE, signFrameOrigins } from "@/lib/http/framing";
import { cookieAttributes } from "@/lib/lti/launch/cookies";
import { handleLaunch } from "@/lib/lti/launch/launch";
import { stateCookieName } from "@/lib/lti/launch/login-states";
import { newWindowPage, refusalPage, resubmitPage } from "@/lib/lti/launch/pages";
import { LaunchRefusal } from "@/lib/lti/launch/refusal";
import { publicOrigin, servedOverHttps } from "@/lib/lti/tool-urls";

/** The LTI launch: the LMS form-posts the id_token and state here (no session; public). */
export async function POST(request: Request) {
  const origin = publicOrigin(request.url);
  const https = servedOverHttps(origin);
  const form = await request.formData().catch(() => null);
  const fields: Record<string, string> = {};
  for (const [name, value] of form ?? []) if (typeof value === "string") fields[name] = value;
  const db = await getDb();
  try {
    const outcome = await handleLaunch(db, { form: fields, cookieHeader: request.headers.get("cookie"), requestOrigin: request.headers.get("origin"), origin });
    if (outcome.kind === "resubmit") return resubmitPage(request, "/lti/launch", { id_token: outcome.idToken, state: outcome.state, resubmitted: "1" });
    if (outcome.kind === "new-window") return newWindowPage(request, outcome.loginUrl);
    if (outcome.kind === "link-account") {
      // Not signed in: the existing account's password is asked first (that page is frameable, as /lti/ is).
      const headers = new Headers({ Location: new URL(`/lti/link-account/${encodeURIComponent(outcome.pendingId)}`, origin).toString(), "Cache-Control": "no-store" });
      headers.append("Set-Cookie", `${stateCookieName(outcome.state)}=; ${cookieAttributes(https, 0)}`);
      return new Response(null, { status: 303, headers });
    }
    const headers = new Headers({ Location: new URL(outcome.redirect, origin).toString(), "Cache-Control": "no-store" });
    headers.append("Set-Cookie", await ltiSessionCookie(db, outcome.userId, https));
    headers.append("Set-Cookie", `${FRAME_COOKIE}=${signFrameOrigins(outcome.frameOrigins, getAuthOptions().secret!)}; ${cookieAttributes(https, SESSION_MAX_AGE_SECONDS)}`);
    headers.append("Set-Cookie", `${stateCookieName(outcome.state)}=; ${cookieAttributes(https, 0)}`);
    return new Response(null, { status: 303, headers });
  } catch (error) {
    if (error instanceof LaunchRefusal) return refusalPage(request, error);
    throw error;
  }
}
