import "server-only";
import { getServerSession } from "next-auth";
import type { User } from "../db/schema";
import { getDb } from "../db";
import { AppError } from "../errors";
import { findMembershipBySlug, type CourseMembership } from "../courses/courses";
import { findUserById } from "../users/users";
import { isSessionCurrent } from "../users/accounts";
import { CHANGE_PASSWORD_PATH } from "./paths";
import { getAuthOptions } from "./options";
import { can, type CourseAction } from "./permissions";

/**
 * The signed-in user, read afresh from the database, or null. A token whose session version is not the
 * account's present one (signed out, password changed, reset, signed out everywhere) or of a disabled
 * account counts as no session at all.
 */
export async function findSessionUser(): Promise<User | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: unknown; sessionVersion?: unknown } | undefined;
  if (typeof claims?.id !== "string") return null;
  const user = await findUserById(await getDb(), claims.id);
  return user && isSessionCurrent(user, claims.sessionVersion) ? user : null;
}

/**
 * The signed-in user even while they must still replace a one-time password: only for the change-password
 * form itself. Throws UNAUTHENTICATED without a current session.
 */
export async function requireUserAllowingPasswordChange(): Promise<User> {
  const user = await findSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
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
