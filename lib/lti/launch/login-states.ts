import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { ltiLoginStates } from "../../db/schema";

/** How long a login initiation may take to come back as a launch. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;
/** Expired states deleted per login initiation: the table stays small without a sweeper job. */
const PURGE_BATCH = 100;

/** The cookie that binds a login initiation's state to the browser that started it. */
export function stateCookieName(state: string): string {
  return `tg-lti-state-${state}`;
}

/** Stores a new state + nonce for a login initiation; returns them. */
export async function createLoginState(db: DbOrTx, platformId: string, loginParams: Record<string, string>, now = new Date()) {
  const state = randomBytes(24).toString("base64url");
  const nonce = randomBytes(24).toString("base64url");
  await db.insert(ltiLoginStates).values({ state, nonce, platformId, loginParams, createdAt: now, expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS) });
  return { state, nonce };
}

export async function findLoginState(db: DbOrTx, state: string) {
  const [row] = await db.select().from(ltiLoginStates).where(eq(ltiLoginStates.state, state));
  return row ?? null;
}

/** Marks the state used (its nonce with it); false when it already was (a concurrent replay). */
export async function spendLoginState(db: DbOrTx, state: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(ltiLoginStates)
    .set({ usedAt: now })
    .where(and(eq(ltiLoginStates.state, state), isNull(ltiLoginStates.usedAt)))
    .returning({ state: ltiLoginStates.state });
  return rows.length === 1;
}

/** Deletes a bounded batch of expired states. */
export async function purgeExpiredLoginStates(db: DbOrTx, now = new Date()): Promise<number> {
  const expired = db.select({ state: ltiLoginStates.state }).from(ltiLoginStates).where(lt(ltiLoginStates.expiresAt, now)).limit(PURGE_BATCH);
  const deleted = await db.delete(ltiLoginStates).where(inArray(ltiLoginStates.state, expired)).returning({ state: ltiLoginStates.state });
  return deleted.length;
}
