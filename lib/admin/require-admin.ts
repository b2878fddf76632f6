import type { User } from "../db/schema";
import { AppError } from "../errors";
import { can } from "../auth/permissions";

/** The user when they are a site admin; throws NOT_FOUND otherwise, so the admin area looks absent. */
export function requireSiteAdmin(user: User): User {
  if (!can(user, "administer-site")) throw new AppError("NOT_FOUND", "Not found.");
  return user;
}
