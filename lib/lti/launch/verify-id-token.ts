import { createRemoteJWKSet, decodeJwt, errors, jwtVerify } from "jose";
import type { LtiPlatform } from "../../db/schema";
import { DEEP_LINKING_REQUEST, LTI_CLAIM, LTI_VERSION, RESOURCE_LINK_REQUEST } from "../claims";
import { IdTokenClaimsSchema, type IdTokenClaims } from "./id-token-claims";
import { LaunchRefusal } from "./refusal";

type KeySet = ReturnType<typeof createRemoteJWKSet>;
const keySets = new Map<string, KeySet>();

/** One remote key set per JWKS URL, so that jose's cache (and cooldown) spans launches. */
function platformKeys(jwksUrl: string): KeySet {
  let keys = keySets.get(jwksUrl);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000 });
    keySets.set(jwksUrl, keys);
  }
  return keys;
}

function refusalOf(error: unknown): LaunchRefusal {
  if (error instanceof errors.JWTExpired) return new LaunchRefusal("expired_token");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return new LaunchRefusal("wrong_issuer");
    if (error.claim === "aud") return new LaunchRefusal("wrong_audience");
    if (error.claim === "iat" || error.claim === "nbf") return new LaunchRefusal("bad_iat");
    return new LaunchRefusal("bad_claims", `${error.claim}: ${error.reason}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return new LaunchRefusal("bad_signature");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof Error && !(error instanceof errors.JOSEError))) {
    return new LaunchRefusal("jwks_unreachable", error instanceof Error ? error.message : undefined);
  }
  return new LaunchRefusal("bad_token", error instanceof Error ? error.message : undefined);
}

/**
 * Verifies a launch's id_token for `platform`: the signature against the platform's JWKS, iss, aud
 * (contains the client id; azp = client id when given, required with several audiences), exp and iat,
 * the nonce the login initiation stored, LTI version 1.3.0 and a supported message type. Writes nothing.
 */
export async function verifyIdToken(platform: LtiPlatform, idToken: string, expectedNonce: string): Promise<IdTokenClaims> {
  try {
    decodeJwt(idToken);
  } catch {
    throw new LaunchRefusal("bad_token");
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(idToken, platformKeys(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"],
      requiredClaims: ["exp", "iat", "sub", "nonce"],
      maxTokenAge: "1h",
      clockTolerance: 60,
    }));
  } catch (error) {
    throw refusalOf(error);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (payload.azp !== undefined ? payload.azp !== platform.clientId : audiences.length > 1) throw new LaunchRefusal("wrong_azp");
  if (payload.nonce !== expectedNonce) throw new LaunchRefusal("wrong_nonce");
  const parsed = IdTokenClaimsSchema.safeParse(payload);
  if (!parsed.success) throw new LaunchRefusal("bad_claims", parsed.error.issues.map((issue) => issue.path.join(".").split("/").at(-1)).join(", "));
  const claims = parsed.data;
  if (claims[LTI_CLAIM.version] !== LTI_VERSION) throw new LaunchRefusal("wrong_version", `version ${claims[LTI_CLAIM.version]}`);
  const messageType = claims[LTI_CLAIM.messageType];
  if (messageType !== RESOURCE_LINK_REQUEST && messageType !== DEEP_LINKING_REQUEST) throw new LaunchRefusal("wrong_message_type", messageType);
  if (messageType === RESOURCE_LINK_REQUEST && !claims[LTI_CLAIM.resourceLink]) throw new LaunchRefusal("bad_claims", "resource_link");
  if (messageType === DEEP_LINKING_REQUEST && !claims[LTI_CLAIM.deepLinkingSettings]) throw new LaunchRefusal("bad_claims", "deep_linking_settings");
  return claims;
}
