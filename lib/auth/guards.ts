import "server-only";
import { getServerSession } from "next-auth";
import type { CourseRole, User } from "../db/schema";
import { getDb } from "../db";
import { AppError } from "../errors";
import { findMembershipBySlug, type CourseMembership } from "../courses/courses";
import { findUserById } from "../users/users";
import { getAuthOptions } from "./options";

/** The signed-in user, read afresh from the database, or null. */
export async function findSessionUser(): Promise<User | null> {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== "string") return null;
  return findUserById(await getDb(), id);
}

/** The signed-in user; throws UNAUTHENTICATED otherwise. */
export async function requireUser(): Promise<User> {
  const user = await findSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}

/**
 * The user's membership of a course when their role is one of `roles`. Throws NOT_FOUND otherwise,
 * so that a course one does not belong to is indistinguishable from one that does not exist.
 */
export async function requireCourseRole(
  user: User,
  courseSlug: string,
  roles: readonly CourseRole[] = ["student", "ta", "instructor"],
): Promise<CourseMembership> {
  const membership = await findMembershipBySlug(await getDb(), courseSlug, user.id);
  if (!membership || !roles.includes(membership.role)) {
    throw new AppError("NOT_FOUND", "No such course.");
  }
  return membership;
}
