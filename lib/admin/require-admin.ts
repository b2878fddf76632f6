import type { User } from "../db/schema";
import { AppError } from "../errors";

/** The user when they are a site admin; throws NOT_FOUND otherwise, so the admin area looks absent. */
export function requireSiteAdmin(user: User): User {
  if (!user.isAdmin) throw new AppError("NOT_FOUND", "Not found.");
  return user;
}
