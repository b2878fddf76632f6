import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { users, type User } from "../db/schema";
import { logExamEvent } from "../exams/events";
import { hasTimedWorkInProgress, listTimedWorkInProgress } from "../exams/in-progress";

/** A fresh, unguessable id for one sign-in's session (it goes into the token and `users.currentSessionId`). */
export function newSessionId(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * Records a sign-in: its session becomes the account's current one. When another session was current
 * and the student is taking timed work, each such assessment's log gets "second_sign_in" (the earlier
 * session stops being served: `isReplacedDuringTimedWork`). Returns the new session's id.
 */
export async function beginSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const sessionId = newSessionId();
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ previous: users.currentSessionId }).from(users).where(eq(users.id, userId)).for("update");
    await tx.update(users).set({ currentSessionId: sessionId }).where(eq(users.id, userId));
    if (!row?.previous) return;
    for (const work of await listTimedWorkInProgress(tx, userId, now)) {
      await logExamEvent(tx, { assessmentId: work.assessmentId, userId, kind: "second_sign_in", at: now });
    }
  });
  return sessionId;
}

/**
 * Makes the session `sessionId` the account's current one without a sign-in: the session that starts
 * timed work is the one that takes it (an earlier sign-in elsewhere does not end it).
 */
export async function claimCurrentSession(db: Db, userId: string, sessionId: string): Promise<void> {
  await db.update(users).set({ currentSessionId: sessionId }).where(eq(users.id, userId));
}

/**
 * Whether a token of the account, valid otherwise, is no longer served because a newer sign-in took its
 * place while the student is taking timed work. Outside timed work any number of sessions are served; a
 * token without a session id (issued before session ids existed) counts as an earlier one.
 */
export async function isReplacedDuringTimedWork(db: Db, user: Pick<User, "id" | "currentSessionId">, tokenSessionId: unknown, now = new Date()): Promise<boolean> {
  if (user.currentSessionId === null || tokenSessionId === user.currentSessionId) return false;
  return hasTimedWorkInProgress(db, user.id, now);
}
