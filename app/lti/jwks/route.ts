import { getDb } from "@/lib/db";
import { publicJwks } from "@/lib/lti/keys";

/**
 * The tool's public keys, for platforms verifying its client assertions and deep linking responses (public).
 * Cached one minute only: after a key rotation a platform holding an older copy refuses our tokens until it
 * fetches again (the jobs retry meanwhile).
 */
export async function GET() {
  const jwks = await publicJwks(await getDb());
  return Response.json(jwks, { headers: { "Cache-Control": "public, max-age=60" } });
}
