import { getDb } from "@/lib/db";
import { cookieAttributes } from "@/lib/lti/launch/cookies";
import { initiateLogin } from "@/lib/lti/launch/login";
import { LOGIN_STATE_TTL_MS, stateCookieName } from "@/lib/lti/launch/login-states";
import { refusalPage } from "@/lib/lti/launch/pages";
import { LaunchRefusal } from "@/lib/lti/launch/refusal";
import { publicOrigin, servedOverHttps } from "@/lib/lti/tool-urls";

/** OIDC third-party login initiation (the LMS calls it without a session, GET or POST). */
async function login(request: Request, params: Record<string, string>): Promise<Response> {
  const origin = publicOrigin(request.url);
  try {
    const { redirect, state } = await initiateLogin(await getDb(), params, origin);
    const headers = new Headers({ Location: redirect, "Cache-Control": "no-store" });
    headers.append("Set-Cookie", `${stateCookieName(state)}=${state}; ${cookieAttributes(servedOverHttps(origin), LOGIN_STATE_TTL_MS / 1000)}`);
    return new Response(null, { status: 302, headers });
  } catch (error) {
    if (error instanceof LaunchRefusal) return refusalPage(request, error);
    throw error;
  }
}

function fields(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of entries) if (typeof value === "string") result[name] = value;
  return result;
}

export async function GET(request: Request) {
  return login(request, fields(new URL(request.url).searchParams));
}

export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  if (!form) return refusalPage(request, new LaunchRefusal("bad_request", "the login initiation is not a form"));
  return login(request, fields(form));
}
