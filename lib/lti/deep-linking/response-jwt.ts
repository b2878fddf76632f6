import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { DbOrTx } from "../../db/transaction";
import type { LtiPlatform } from "../../db/schema";
import { DEEP_LINKING_RESPONSE, LTI_CLAIM, LTI_VERSION } from "../claims";
import { getSigningKey, TOOL_KEY_ALG } from "../keys";
import type { ResourceLinkItem } from "./content-items";

/** How long the platform may take to accept the response. */
export const RESPONSE_LIFETIME_SECONDS = 10 * 60;

export interface DeepLinkingResponse {
  platform: Pick<LtiPlatform, "issuer" | "clientId">;
  deploymentId: string;
  /** The request's opaque `data`, echoed as the spec requires. */
  data: string | null;
  items: ResourceLinkItem[];
  /** Shown by the LMS to the instructor. */
  message: string;
  now: Date;
}

/** The LtiDeepLinkingResponse JWT, signed with the tool's key: iss = our client id, aud = the platform. */
export async function signDeepLinkingResponse(db: DbOrTx, response: DeepLinkingResponse): Promise<string> {
  const { kid, privateKey } = await getSigningKey(db);
  const issuedAt = Math.floor(response.now.getTime() / 1000);
  const claims: Record<string, unknown> = {
    nonce: randomUUID(),
    [LTI_CLAIM.messageType]: DEEP_LINKING_RESPONSE,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deploymentId]: response.deploymentId,
    [LTI_CLAIM.contentItems]: response.items,
    "https://purl.imsglobal.org/spec/lti-dl/claim/msg": response.message,
  };
  if (response.data !== null) claims[LTI_CLAIM.dlData] = response.data;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOOL_KEY_ALG, kid, typ: "JWT" })
    .setIssuer(response.platform.clientId)
    .setAudience(response.platform.issuer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + RESPONSE_LIFETIME_SECONDS)
    .sign(privateKey);
}
