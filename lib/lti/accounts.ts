import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import type { DbOrTx } from "../db/transaction";
import { enrolments, ltiUserLinks, users, type CourseRole, type User } from "../db/schema";
import { EmailSchema } from "../users/users";
import { isHigherRole } from "./roles";

/** Who the platform says a person is (id_token or NRPS member). */
export interface PlatformIdentity {
  sub: string;
  name?: string | null;
  email?: string | null;
}

/** An LMS identity that cannot be given an account (e.g. its email is a site admin's). */
export class LtiAccountError extends Error {
  override name = "LtiAccountError";
}

/**
 * The LMS's email names an existing account that has a password: an LMS's email claim alone never takes
 * over such an account, it is linked only when its password is given (a launch's /lti/link-account page).
 * A roster sync skips the member (it is an LtiAccountError, so callers that skip those skip it too).
 */
export class LtiLinkNeedsPasswordError extends LtiAccountError {
  override name = "LtiLinkNeedsPasswordError";
  constructor(
    /** The existing account. */
    readonly userId: string,
    readonly email: string,
  ) {
    super(`An account with ${email} already exists in Tensorgrade and has a password: it is linked to the LMS only when its owner launches from the LMS and gives that password.`);
  }
}

/** A stand-in email for a platform that withholds emails: unique per platform and sub, never deliverable. */
export function placeholderEmail(platformId: string, sub: string): string {
  const digest = createHash("sha256").update(`${platformId}\n${sub}`).digest("hex").slice(0, 24);
  return `lti-${digest}@lms.invalid`;
}

/**
 * The account the platform's `sub` is linked to. On first sight: an existing account with the platform's
 * email is linked only when it has no password (made by an LMS, or never activated) and is not a site
 * admin's; one with a password throws LtiLinkNeedsPasswordError (its password must be given first), a site
 * admin's LtiAccountError (an LMS vouches for its users, not for this site's administrators). No account
 * with that email: a new one from the name and email claims.
 */
export async function linkedAccount(tx: DbOrTx, platformId: string, identity: PlatformIdentity, now = new Date()): Promise<User> {
  const [linked] = await tx
    .select({ user: users })
    .from(ltiUserLinks)
    .innerJoin(users, eq(users.id, ltiUserLinks.userId))
    .where(and(eq(ltiUserLinks.platformId, platformId), eq(ltiUserLinks.sub, identity.sub)));
  if (linked) return linked.user;

  const email = EmailSchema.safeParse(identity.email ?? "");
  const name = identity.name?.trim().slice(0, 200) || (email.success ? email.data : "LMS user");
  let [user] = email.success ? await tx.select().from(users).where(eq(users.email, email.data)) : [];
  if (user?.isAdmin) throw new LtiAccountError(`The LMS account's email (${user.email}) belongs to a site administrator here, whose account cannot be signed in from an LMS.`);
  if (user?.passwordHash) throw new LtiLinkNeedsPasswordError(user.id, user.email);
  user ??= (await tx
    .insert(users)
    .values({ email: email.success ? email.data : placeholderEmail(platformId, identity.sub), name })
    .returning())[0]!;
  await tx.insert(ltiUserLinks).values({ platformId, sub: identity.sub, userId: user.id, createdAt: now });
  return user;
}

/**
 * Enrols the user in the course with the LMS's role, or raises their role to it: the LMS never lowers a
 * role given in Tensorgrade. Returns the role they hold now.
 */
export async function enrolFromLms(tx: DbOrTx | Db, courseId: string, userId: string, role: CourseRole): Promise<CourseRole> {
  const [current] = await tx.select({ role: enrolments.role }).from(enrolments).where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
  if (!current) await tx.insert(enrolments).values({ courseId, userId, role });
  else if (isHigherRole(role, current.role)) await tx.update(enrolments).set({ role }).where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
  else return current.role;
  return role;
}
