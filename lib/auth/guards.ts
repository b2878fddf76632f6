import "server-only";
import { getServerSession } from "next-auth";
import type { User } from "../db/schema";
import { getDb } from "../db";
import { AppError } from "../errors";
import { findMembershipBySlug, type CourseMembership } from "../courses/courses";
import { findUserById } from "../users/users";
import { isSessionCurrent } from "../users/accounts";
import { claimCurrentSession, isReplacedDuringTimedWork } from "./current-session";
import { CHANGE_PASSWORD_PATH } from "./paths";
import { getAuthOptions } from "./options";
import { can, type CourseAction } from "./permissions";

/** Who a request's token names: the user when the session is served, else null and why. */
export interface SessionState {
  user: User | null;
  /** The token was valid, but a newer sign-in took its place while the student takes timed work. */
  replaced: boolean;
}

/**
 * The signed-in user, read afresh from the database, and why there is none. A token whose session
 * version is not the account's present one (signed out, password changed, reset, signed out everywhere)
 * or of a disabled account counts as no session at all; so does, while the student takes timed work,
 * a token of an earlier sign-in than the account's newest (one active session during an exam).
 */
export async function readSessionState(): Promise<SessionState> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: unknown; sessionVersion?: unknown; sessionId?: unknown } | undefined;
  if (typeof claims?.id !== "string") return { user: null, replaced: false };
  const db = await getDb();
  const user = await findUserById(db, claims.id);
  if (!user || !isSessionCurrent(user, claims.sessionVersion)) return { user: null, replaced: false };
  if (await isReplacedDuringTimedWork(db, user, claims.sessionId)) return { user: null, replaced: true };
  return { user, replaced: false };
}

/** The signed-in user, or null (readSessionState says when and why). */
export async function findSessionUser(): Promise<User | null> {
  return (await readSessionState()).user;
}

/** What a request without a served session is told. */
export const REPLACED_SESSION_MESSAGE = "Your account signed in somewhere else during timed work, which ended this session: sign in again to continue here.";

/**
 * For the start of timed work: the session that starts it becomes the account's current one, so that an
 * earlier sign-in elsewhere (not this one) is the session that stops being served.
 */
export async function claimSessionForTimedWork(user: User): Promise<void> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: unknown; sessionId?: unknown } | undefined;
  if (claims?.id !== user.id || typeof claims.sessionId !== "string") return;
  await claimCurrentSession(await getDb(), user.id, claims.sessionId);
}

/**
 * The signed-in user even while they must still replace a one-time password: only for the change-password
 * form itself. Throws UNAUTHENTICATED without a current session.
 */
export async function requireUserAllowingPasswordChange(): Promise<User> {
  const { user, replaced } = await readSessionState();
  if (!user) throw new AppError("UNAUTHENTICATED", replaced ? REPLACED_SESSION_MESSAGE : "Sign in to continue.");
  return user;
}

/**
 * The signed-in user; throws UNAUTHENTICATED otherwise, and PASSWORD_CHANGE_REQUIRED (403) while the
 * account still has a one-time password to replace.
 */
export async function requireUser(): Promise<User> {
  const user = await requireUserAllowingPasswordChange();
  if (user.mustChangePassword) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", `Choose a new password at ${CHANGE_PASSWORD_PATH} first.`);
  }
  return user;
}

/**
 * The user's membership of a course when it allows `action`. Throws NOT_FOUND otherwise, so that a
 * course one does not belong to (or may not do this in) is indistinguishable from one that does not exist.
 */
export async function requireCourseAccess(user: User, courseSlug: string, action: CourseAction): Promise<CourseMembership> {
  const membership = await findMembershipBySlug(await getDb(), courseSlug, user.id);
  if (!membership || !can(membership, action)) {
    throw new AppError("NOT_FOUND", "No such course.");
  }
  return membership;
}
