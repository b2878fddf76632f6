import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { ltiRegistrationTokens } from "../../db/schema";
import { toolUrls } from "../tool-urls";
import { RegistrationError } from "./errors";

/** How long a registration URL works unless its creator says otherwise. */
export const DEFAULT_REGISTRATION_HOURS = 24;
/** Failed registrations one registration URL survives: then it is used up (whoever holds it cannot keep probing). */
export const MAX_REGISTRATION_FAILURES = 5;

/** The longest a registration URL may work: it is a credential. */
export const MAX_REGISTRATION_HOURS = 24 * 30;

/** The SHA-256 (hex) of a registration token: all the database keeps. */
export function hashRegistrationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

type LtiRegistrationToken = typeof ltiRegistrationTokens.$inferSelect;

export interface RegistrationUrl {
  url: string;
  token: string;
  expiresAt: Date;
}

/** Creates a one-time registration URL under `origin`, valid for `hours`; the token itself is not stored. */
export async function createRegistrationUrl(
  db: DbOrTx,
  createdBy: string | null,
  origin: string,
  hours = DEFAULT_REGISTRATION_HOURS,
  now = new Date(),
): Promise<RegistrationUrl> {
  if (!(hours > 0 && hours <= MAX_REGISTRATION_HOURS)) throw new RegistrationError(`A registration URL works between a moment and ${MAX_REGISTRATION_HOURS} hours, not ${hours}.`);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + hours * 60 * 60 * 1000);
  await db.insert(ltiRegistrationTokens).values({ tokenHash: hashRegistrationToken(token), createdBy, expiresAt });
  const url = new URL(toolUrls(origin).register);
  url.searchParams.set("token", token);
  return { url: url.toString(), token, expiresAt };
}

/** The stored token `token` stands for, when it is unused and unexpired; otherwise a RegistrationError saying which. */
export async function usableRegistrationToken(db: DbOrTx, token: string, now = new Date()): Promise<LtiRegistrationToken> {
  const [row] = await db.select().from(ltiRegistrationTokens).where(eq(ltiRegistrationTokens.tokenHash, hashRegistrationToken(token)));
  if (!row) throw new RegistrationError("This registration URL is not known to Tensorgrade. Ask its administrator for a new one.");
  if (row.usedAt === null && row.failedAttempts >= MAX_REGISTRATION_FAILURES) {
    throw new RegistrationError(`This registration URL failed ${row.failedAttempts} times and no longer works. Ask the Tensorgrade administrator for a new one.`);
  }
  if (row.usedAt) throw new RegistrationError("This registration URL has already been used. Ask the Tensorgrade administrator for a new one.");
  if (row.expiresAt <= now) throw new RegistrationError("This registration URL has expired. Ask the Tensorgrade administrator for a new one.");
  return row;
}

/** Marks the token used by the registration of `platformId`; false when another registration used it first. */
export async function markRegistrationTokenUsed(db: DbOrTx, tokenId: string, platformId: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(ltiRegistrationTokens)
    .set({ usedAt: now, platformId })
    .where(and(eq(ltiRegistrationTokens.id, tokenId), isNull(ltiRegistrationTokens.usedAt)))
    .returning({ id: ltiRegistrationTokens.id });
  return rows.length === 1;
}

/** Counts a failed registration with the token (MAX_REGISTRATION_FAILURES of them use it up). */
export async function countFailedRegistration(db: DbOrTx, tokenId: string): Promise<void> {
  await db
    .update(ltiRegistrationTokens)
    .set({ failedAttempts: sql`${ltiRegistrationTokens.failedAttempts} + 1` })
    .where(and(eq(ltiRegistrationTokens.id, tokenId), isNull(ltiRegistrationTokens.usedAt)));
}
