import { count } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { enrolments, ltiContexts, ltiResourceLinks, ltiUserLinks, users } from "@/lib/db/schema";
import type { FakeLms, LaunchSpec } from "../../helpers/fake-lms";

export const TOOL_ORIGIN = "http://tool.test";

type Handler = (request: Request) => Promise<Response>;

/** The rows a launch may create: a refused launch must leave every count as it was. */
export async function launchRowCounts(db: Db) {
  const tally = async (table: typeof users | typeof enrolments | typeof ltiUserLinks | typeof ltiContexts | typeof ltiResourceLinks) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await tally(users),
    enrolments: await tally(enrolments),
    userLinks: await tally(ltiUserLinks),
    contexts: await tally(ltiContexts),
    resourceLinks: await tally(ltiResourceLinks),
  };
}

/** The Set-Cookie headers of a response as name → value. */
export function setCookies(response: Response): Map<string, { value: string; attributes: string }> {
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(";");
    const index = pair!.indexOf("=");
    cookies.set(pair!.slice(0, index), { value: pair!.slice(index + 1), attributes: attributes.join(";").trim() });
  }
  return cookies;
}

/** Drives a launch through the route handlers like a browser: login initiation, the LMS's authorization, the launch post. */
export function launcher(lms: FakeLms, routes: { login: Handler; launch: Handler }) {
  return {
    /** Login initiation for `spec`: the tool's redirect and its state cookie. */
    async login(spec: LaunchSpec, params: Record<string, string> = {}) {
      const hint = new URL(lms.prepareLaunch(spec)).searchParams.get("hint")!;
      const query = new URLSearchParams({ iss: lms.issuer, login_hint: spec.user.sub, target_link_uri: `${TOOL_ORIGIN}/lti/launch`, lti_message_hint: hint, client_id: lms.clientId, ...params });
      const response = await routes.login(new Request(`${TOOL_ORIGIN}/lti/login?${query}`));
      return { response, cookies: setCookies(response) };
    },
    /** The whole launch; `cookie: false` leaves the state cookie out (a frame that refused it). */
    async start(spec: LaunchSpec, options: { cookie?: string | false } = {}) {
      const { response, cookies } = await this.login(spec);
      if (response.status !== 302) throw new Error(`login initiation answered ${response.status}: ${await response.text()}`);
      const form = await lms.authorize(response.headers.get("location")!);
      const [name, cookie] = [...cookies.entries()][0]!;
      const cookieHeader = options.cookie === false ? "" : (options.cookie ?? `${name}=${cookie.value}`);
      return { form, cookieHeader };
    },
    post(fields: Record<string, string>, cookieHeader = "") {
      return routes.launch(
        new Request(`${TOOL_ORIGIN}/lti/launch`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader, origin: lms.issuer },
          body: new URLSearchParams(fields).toString(),
        }),
      );
    },
    async launch(spec: LaunchSpec, options: { cookie?: string | false } = {}) {
      const { form, cookieHeader } = await this.start(spec, options);
      return { response: await this.post({ id_token: form.idToken, state: form.state }, cookieHeader), form, cookieHeader };
    },
  };
}
