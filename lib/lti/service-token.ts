import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import type { DbOrTx } from "../db/transaction";
import type { LtiPlatform } from "../db/schema";
import { getSigningKey, TOOL_KEY_ALG } from "./keys";
import { expectOk, platformFetch, PlatformRequestError } from "./platform-http";

/** A token is renewed this long before it expires, so that none is sent as it lapses. */
export const TOKEN_RENEW_BEFORE_MS = 60_000;
const ASSERTION_LIFETIME_SECONDS = 300;

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(3600),
});

const cache = new Map<string, { token: string; expiresAt: number }>();

type TokenPlatform = Pick<LtiPlatform, "id" | "clientId" | "authTokenUrl" | "tokenAudience">;

/**
 * An OAuth 2 access token for the platform's services (AGS, NRPS) with `scopes`: client credentials with a
 * client assertion signed by the tool's key, `aud` the platform's token audience (Canvas names its own)
 * or its token URL. Cached per platform and scopes until TOKEN_RENEW_BEFORE_MS before it expires.
 */
export async function getServiceToken(db: DbOrTx, platform: TokenPlatform, scopes: readonly string[], now = Date.now()): Promise<string> {
  const scope = [...scopes].sort().join(" ");
  const key = `${platform.id} ${scope}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt - TOKEN_RENEW_BEFORE_MS > now) return cached.token;

  const signing = await getSigningKey(db);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: TOOL_KEY_ALG, kid: signing.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenAudience ?? platform.authTokenUrl)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(signing.privateKey);
  const response = await platformFetch(platform.authTokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope,
    }),
  });
  try {
    await expectOk(response, "The LMS refused an access token");
  } catch (error) {
    // 400/401 (invalid_client) is also what an LMS answers while its cached copy of our JWKS predates a key
    // rotation: the passback and roster jobs try again (the JWKS is served with max-age 60) rather than give up.
    if (error instanceof PlatformRequestError && (error.status === 400 || error.status === 401)) throw new PlatformRequestError(error.reason, error.status, true);
    throw error;
  }
  const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new PlatformRequestError("The LMS's token answer has no access_token", response.status);
  cache.set(key, { token: parsed.data.access_token, expiresAt: now + parsed.data.expires_in * 1000 });
  return parsed.data.access_token;
}

/** Forgets cached tokens (a platform's token was refused: the next call asks again; tests). */
export function forgetServiceTokens(platformId?: string): void {
  for (const key of [...cache.keys()]) if (platformId === undefined || key.startsWith(`${platformId} `)) cache.delete(key);
}
