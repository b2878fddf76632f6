import "server-only";
import { action, type ActionDependencies } from "@/lib/auth/action";
import { requireUserAllowingPasswordChange } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { ChangePasswordSchema, changePassword } from "@/lib/users/accounts";

const defaultDependencies: ActionDependencies = {
  // The one action an account with a one-time password may use: replacing it.
  requireUser: requireUserAllowingPasswordChange,
  logError: (message, error) => console.error(message, error),
};

/** The account page's server action; `dependencies` lets tests act as a given user. */
export function createAccountHandlers(dependencies: ActionDependencies = defaultDependencies) {
  return {
    changePassword: action(
      ChangePasswordSchema,
      async (input, { user }) => {
        await changePassword(await getDb(), user.id, input);
        return { message: "Password changed. Every session, this one included, has been signed out." };
      },
      dependencies,
    ),
  };
}
