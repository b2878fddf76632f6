import "server-only";
import { notFound, redirect } from "next/navigation";
import type { User } from "../db/schema";
import { isAppError } from "../errors";
import type { CourseMembership } from "../courses/courses";
import { readSessionState, requireCourseAccess } from "./guards";
import type { CourseAction } from "./permissions";
import { CHANGE_PASSWORD_PATH, SIGNED_IN_ELSEWHERE, signInPath } from "./paths";

/**
 * For pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. While
 * the account still has a one-time password every page sends to the change-password form first.
 */
export async function requirePageUser(returnTo: string): Promise<User> {
  const user = await requirePageUserAllowingPasswordChange(returnTo);
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return user;
}

/**
 * For the change-password page: the signed-in user, whether or not they must change their password. A
 * session a newer sign-in ended during timed work goes to the sign-in page with the reason.
 */
export async function requirePageUserAllowingPasswordChange(returnTo: string): Promise<User> {
  const { user, replaced } = await readSessionState();
  if (!user) redirect(signInPath(returnTo, replaced ? SIGNED_IN_ELSEWHERE : undefined));
  return user;
}

/** For pages: the user's membership of the course when it allows `action`, or the not-found page. */
export async function requirePageCourseAccess(user: User, courseSlug: string, action: CourseAction): Promise<CourseMembership> {
  try {
    return await requireCourseAccess(user, courseSlug, action);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
