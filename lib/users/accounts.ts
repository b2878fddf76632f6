import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { users, type User } from "../db/schema";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import { clearFailures, takeDelayedAttempt, type DelaySchedule } from "../rate-limit/growing-delay";
import { generateInitialPassword } from "./initial-password";
import { MAX_PASSWORD_LENGTH, NewPasswordSchema } from "./password-policy";
import { findUserById } from "./users";

/**
 * A session token is current while it carries the user's present session version and the account is
 * enabled: sign-out, a password change, a reset, disabling and "sign out everywhere" bump the version,
 * which ends every token issued before.
 */
export function isSessionCurrent(user: Pick<User, "sessionVersion" | "disabledAt">, tokenVersion: unknown): boolean {
  return user.disabledAt === null && typeof tokenVersion === "number" && tokenVersion === user.sessionVersion;
}

/** Ends every session of the user issued so far (none is current until the next sign-in). */
export async function bumpSessionVersion(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1`, currentSessionId: null }).where(eq(users.id, userId));
}

/**
 * Sign-out: ends the signed-out token and every copy of it (the cookie the browser clears may have been
 * copied), and with it the user's other sessions. A token that is no longer current changes nothing.
 */
export async function endSessionsOnSignOut(db: Db, token: { sub?: unknown; sv?: unknown } | null | undefined): Promise<boolean> {
  if (typeof token?.sub !== "string") return false;
  const user = await findUserById(db, token.sub);
  if (!user || !isSessionCurrent(user, token.sv)) return false;
  await bumpSessionVersion(db, user.id);
  return true;
}

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(MAX_PASSWORD_LENGTH),
    newPassword: NewPasswordSchema,
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "must differ from the current password",
  });
export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;

/**
 * Wrong current passwords on the change form, per account: a stolen session must not become a way to
 * guess the password (nor to keep the server busy with scrypt) without the sign-in form's delays.
 */
export const CURRENT_PASSWORD_CHECKS: DelaySchedule = { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: 15 * 60 * 1000, forgetAfterMs: 24 * 60 * 60 * 1000 };

/**
 * Sets a new password chosen by the user after checking the current one; clears the must-change flag
 * and ends every session (the caller signs in afresh with the new password). The write happens only if
 * the password and the sessions are still those checked: a reset or sign-out-everywhere that lands in
 * between wins, and the change is refused.
 */
export async function changePassword(db: Db, userId: string, input: ChangePasswordInput, now = new Date()): Promise<void> {
  const data = ChangePasswordSchema.parse(input);
  const user = await findUserById(db, userId);
  if (!user?.passwordHash) throw new AppError("NOT_FOUND", "No such account.");
  const key = `password-change:${userId}`;
  const attempt = await takeDelayedAttempt(db, key, CURRENT_PASSWORD_CHECKS, now);
  if (!attempt.allowed) {
    throw new AppError("RATE_LIMITED", `Too many wrong current passwords: try again in ${attempt.retryAfterSeconds} s.`, {
      retryAfterSeconds: attempt.retryAfterSeconds,
    });
  }
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw new z.ZodError([{ code: "custom", path: ["currentPassword"], message: "is not your current password", input: "" }]);
  }
  const passwordHash = await hashPassword(data.newPassword);
  const changed = await db
    .update(users)
    .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1`, currentSessionId: null })
    .where(and(eq(users.id, userId), eq(users.passwordHash, user.passwordHash), eq(users.sessionVersion, user.sessionVersion)))
    .returning({ id: users.id });
  if (changed.length === 0) throw new AppError("CONFLICT", "Your account changed meanwhile (a reset or a sign-out everywhere): sign in again.");
  await clearFailures(db, key);
}

/**
 * Gives the account a new one-time password (returned to be shown once, stored only hashed): the next
 * sign-in must choose a new one, and every session so far ends.
 */
export async function resetPassword(db: Db, userId: string): Promise<string> {
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .update(users)
    .set({ passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1`, currentSessionId: null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (!row) throw new AppError("NOT_FOUND", "No such account.");
  return password;
}

/** Disables (it can no longer sign in and its sessions end; its work stays) or re-enables an account. */
export async function setAccountDisabled(db: Db, userId: string, disabled: boolean, now = new Date()): Promise<void> {
  const [row] = await db
    .update(users)
    .set(
      disabled
        ? { disabledAt: now, sessionVersion: sql`${users.sessionVersion} + 1`, currentSessionId: null }
        : { disabledAt: null },
    )
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  if (!row) throw new AppError("NOT_FOUND", "No such account.");
}
