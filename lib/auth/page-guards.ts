import "server-only";
import { notFound, redirect } from "next/navigation";
import type { CourseRole, User } from "../db/schema";
import { isAppError } from "../errors";
import type { CourseMembership } from "../courses/courses";
import { findSessionUser, requireCourseRole } from "./guards";
import { CHANGE_PASSWORD_PATH } from "./paths";

/**
 * For pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. While
 * the account still has a one-time password every page sends to the change-password form first.
 */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await requirePageUserAllowingPasswordChange(returnTo);
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return user;
}

/** For the change-password page: the signed-in user, whether or not they must change their password. */
export async function requirePageUserAllowingPasswordChange(returnTo: string): Promise<User> {
  const user = await findSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages: the user's membership of the course, or the not-found page. */
export async function requirePageCourseRole(
  user: User,
  courseSlug: string,
  roles?: readonly CourseRole[],
): Promise<CourseMembership> {
  try {
    return await requireCourseRole(user, courseSlug, roles);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
