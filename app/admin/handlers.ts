import "server-only";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { grantInstructor, NewInstructorSchema } from "@/lib/admin/instructors";
import { requireSiteAdmin } from "@/lib/admin/require-admin";
import { createCourse, NewCourseSchema } from "@/lib/courses/courses";
import { AccountTargetSchema, adminResetPassword, adminSetDisabled, adminSignOutEverywhere } from "@/lib/admin/users";

export interface InstructorCreated {
  message: string;
  email: string;
  courseSlug: string;
  /** Only for an account created now: shown this once. */
  initialPassword: string | null;
}

/** The admin page's server actions (site admins only); `dependencies` lets tests act as a given user. */
export function createAdminHandlers(dependencies?: ActionDependencies) {
  return {
    createCourse: action(
      NewCourseSchema,
      async (input) => {
        const course = await createCourse(await getDb(), input);
        return { message: `Course "${course.title}" created at /courses/${course.slug}.`, slug: course.slug };
      },
      dependencies,
      // Before the input is read: to anyone else the admin area does not exist, malformed input or not.
      { authorize: requireSiteAdmin },
    ),
    grantInstructor: action(
      NewInstructorSchema,
      async (input): Promise<InstructorCreated> => {
        const grant = await grantInstructor(await getDb(), input);
        return {
          message: grant.initialPassword
            ? `Account created for ${grant.user.email}, instructor of ${grant.courseSlug}.`
            : `${grant.user.email} (existing account) is now an instructor of ${grant.courseSlug}.`,
          email: grant.user.email,
          courseSlug: grant.courseSlug,
          initialPassword: grant.initialPassword,
        };
      },
      dependencies,
      // Before the input is read: to anyone else the admin area does not exist, malformed input or not.
      { authorize: requireSiteAdmin },
    ),
  };
}

export interface AccountPasswordReset {
  message: string;
  email: string;
  /** Shown this once; stored only hashed. */
  initialPassword: string;
}

/** The admin page's per-account actions (site admins only). */
export function createAccountAdminHandlers(dependencies?: ActionDependencies) {
  // Before the input is read: to anyone else the admin area does not exist, malformed input or not.
  const adminOnly = { authorize: requireSiteAdmin };
  return {
    disableAccount: action(
      AccountTargetSchema,
      async ({ userId }, { user }) => {
        const target = await adminSetDisabled(await getDb(), user, userId, true);
        return { message: `${target.email} is disabled: it cannot sign in and its sessions have ended.` };
      },
      dependencies,
      adminOnly,
    ),
    enableAccount: action(
      AccountTargetSchema,
      async ({ userId }, { user }) => {
        const target = await adminSetDisabled(await getDb(), user, userId, false);
        return { message: `${target.email} can sign in again.` };
      },
      dependencies,
      adminOnly,
    ),
    signOutEverywhere: action(
      AccountTargetSchema,
      async ({ userId }, { user }) => {
        const target = await adminSignOutEverywhere(await getDb(), user, userId);
        return { message: `Every session of ${target.email} has ended.` };
      },
      dependencies,
      adminOnly,
    ),
    resetPassword: action(
      AccountTargetSchema,
      async ({ userId }, { user }): Promise<AccountPasswordReset> => {
        const { user: target, initialPassword } = await adminResetPassword(await getDb(), user, userId);
        return { message: `New one-time password for ${target.email}; its sessions have ended.`, email: target.email, initialPassword };
      },
      dependencies,
      adminOnly,
    ),
  };
}

export type AdminHandlers = ReturnType<typeof createAdminHandlers>;
