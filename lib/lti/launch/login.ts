import { z } from "zod";
import type { DbOrTx } from "../../db/transaction";
import { findPlatform } from "../platforms";
import { toolUrls } from "../tool-urls";
import { createLoginState, purgeExpiredLoginStates } from "./login-states";
import { LaunchRefusal } from "./refusal";

const Param = z.string().trim().min(1).max(2000);

/** The OIDC third-party login initiation's parameters (GET query or POST form). */
export const LoginParamsSchema = z.object({
  iss: Param,
  login_hint: Param,
  target_link_uri: Param,
  lti_message_hint: Param.optional(),
  client_id: Param.optional(),
  lti_deployment_id: Param.optional(),
});
export type LoginParams = z.infer<typeof LoginParamsSchema>;

/**
 * Starts a launch: checks the platform is registered, stores a state and nonce (with a TTL) and returns
 * the platform's authorization URL to redirect to, and the state to bind to the browser.
 */
export async function initiateLogin(db: DbOrTx, raw: Record<string, string>, origin: string, now = new Date()): Promise<{ redirect: string; state: string }> {
  const parsed = LoginParamsSchema.safeParse(raw);
  if (!parsed.success) throw new LaunchRefusal("bad_request", `missing or invalid ${parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}`);
  const params = parsed.data;
  const platform = await findPlatform(db, params.iss, params.client_id);
  if (!platform) throw new LaunchRefusal("unknown_platform", `issuer ${params.iss}${params.client_id ? `, client id ${params.client_id}` : ""}`);
  await purgeExpiredLoginStates(db, now);
  const loginParams = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const { state, nonce } = await createLoginState(db, platform.id, loginParams, now);
  const url = new URL(platform.authLoginUrl);
  const query = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: toolUrls(origin).launch,
    login_hint: params.login_hint,
    state,
    nonce,
    ...(params.lti_message_hint ? { lti_message_hint: params.lti_message_hint } : {}),
  };
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return { redirect: url.toString(), state };
}
