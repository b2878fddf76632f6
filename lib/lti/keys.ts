import { randomUUID } from "node:crypto";
import { desc, gt, isNull, or } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { DbOrTx } from "../db/transaction";
import { ltiKeys } from "../db/schema";

/** How long a retired key stays in the published JWKS (platforms cache a tool's keys for a while). */
export const RETIRED_KEY_PUBLISHED_MS = 7 * 24 * 60 * 60 * 1000;
export const TOOL_KEY_ALG = "RS256";

export interface ToolSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

async function createKey(db: DbOrTx): Promise<{ kid: string; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(TOOL_KEY_ALG, { extractable: true, modulusLength: 2048 });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: TOOL_KEY_ALG, use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: TOOL_KEY_ALG };
  await db.insert(ltiKeys).values({ kid, publicJwk, privateJwk });
  return { kid, privateJwk };
}

/** The key the tool signs with (client assertions, deep linking responses), created on first use. */
export async function getSigningKey(db: DbOrTx): Promise<ToolSigningKey> {
  const [current] = await db
    .select({ kid: ltiKeys.kid, privateJwk: ltiKeys.privateJwk })
    .from(ltiKeys)
    .where(isNull(ltiKeys.retiredAt))
    .orderBy(desc(ltiKeys.createdAt))
    .limit(1);
  const key = current ?? (await createKey(db));
  return { kid: key.kid, privateKey: (await importJWK(key.privateJwk, TOOL_KEY_ALG)) as CryptoKey };
}

/** Starts signing with a new key; the previous ones stay published for RETIRED_KEY_PUBLISHED_MS. Returns the new kid. */
export async function rotateSigningKey(db: DbOrTx, now = new Date()): Promise<string> {
  await db.update(ltiKeys).set({ retiredAt: now }).where(isNull(ltiKeys.retiredAt));
  return (await createKey(db)).kid;
}

/** The tool's public JWKS: the current key (created if none) and the recently retired ones. */
export async function publicJwks(db: DbOrTx, now = new Date()): Promise<{ keys: JWK[] }> {
  await getSigningKey(db);
  const rows = await db
    .select({ publicJwk: ltiKeys.publicJwk })
    .from(ltiKeys)
    .where(or(isNull(ltiKeys.retiredAt), gt(ltiKeys.retiredAt, new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS))))
    .orderBy(desc(ltiKeys.createdAt));
  return { keys: rows.map((row) => row.publicJwk) };
}

/** Facts about the keys for the admin page: kid, created, retired. */
export async function listSigningKeys(db: DbOrTx) {
  return db.select({ kid: ltiKeys.kid, createdAt: ltiKeys.createdAt, retiredAt: ltiKeys.retiredAt }).from(ltiKeys).orderBy(desc(ltiKeys.createdAt));
}
