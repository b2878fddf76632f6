import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import type { DbOrTx } from "../../db/transaction";
import { ltiContextMembers, ltiContexts, ltiPendingLinks, ltiPlatforms, ltiUserLinks, users, type CourseRole } from "../../db/schema";
import { AppError } from "../../errors";
import { forgiveSignInAttempt, hitSignInLimits } from "../../auth/sign-in-limits";
import { verifyCredentials } from "../../auth/verify-credentials";
import { enrolFromLms } from "../accounts";
import { REFUSAL } from "./refusal";
import { mayLinkLms } from "./target";

/** How long a launch onto an account with a password waits for that password. */
export const PENDING_LINK_TTL_MS = 15 * 60 * 1000;

/** What a launch would have done for the account, done once its password is given. */
export interface PendingLinkInput {
  platformId: string;
  sub: string;
  userId: string;
  /** The course to enrol in (with `role`) and the LMS course the person came through; null when none. */
  courseId: string | null;
  role: CourseRole;
  contextRowId: string | null;
  redirectPath: string;
  frameOrigins: string[];
}

/** Stores a pending link (in the launch's transaction); returns its id, the /lti/link-account page's. */
export async function createPendingLink(tx: DbOrTx, input: PendingLinkInput, now: Date): Promise<string> {
  const [row] = await tx
    .insert(ltiPendingLinks)
    .values({ ...input, createdAt: now, expiresAt: new Date(now.getTime() + PENDING_LINK_TTL_MS) })
    .returning({ id: ltiPendingLinks.id });
  return row!.id;
}

export type PendingLinkState = "open" | "used" | "expired";

/** Why a pending link can no longer be used, as the page and the action say it. */
export const CLOSED_PENDING_LINK: Record<Exclude<PendingLinkState, "open">, string> = {
  used: "This account link was already used. Open the link in the LMS again.",
  expired: "This account link expired (it lasts 15 minutes). Open the link in the LMS again.",
};

/** What the /lti/link-account page shows: the account's email, the LMS's name, and whether it is still open. */
export interface PendingLinkView {
  id: string;
  /** The existing account the LMS's email names. */
  userId: string;
  email: string;
  platformName: string;
  isAdmin: boolean;
  state: PendingLinkState;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pending link `id`, or null when there is none. */
export async function findPendingLink(db: DbOrTx, id: string, now = new Date()): Promise<PendingLinkView | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({ id: ltiPendingLinks.id, userId: ltiPendingLinks.userId, email: users.email, isAdmin: users.isAdmin, name: ltiPlatforms.name, issuer: ltiPlatforms.issuer, usedAt: ltiPendingLinks.usedAt, expiresAt: ltiPendingLinks.expiresAt })
    .from(ltiPendingLinks)
    .innerJoin(users, eq(users.id, ltiPendingLinks.userId))
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiPendingLinks.platformId))
    .where(eq(ltiPendingLinks.id, id));
  if (!row) return null;
  const state: PendingLinkState = row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "open";
  return { id: row.id, userId: row.userId, email: row.email, platformName: row.name.trim() || new URL(row.issuer).host, isAdmin: row.isAdmin, state };
}

/** A confirmed link: whom to sign in, where to go and which LMS origins may frame the app. */
export interface ConfirmedLink {
  userId: string;
  redirectPath: string;
  frameOrigins: string[];
}

/**
 * Finishes a launch that waited for the account's password: checks the password as a sign-in does (its
 * rate limits included), claims the pending link once, links the LMS identity to the account, links the LMS
 * course when the launch would have (and the account may), enrols and records the LMS course membership.
 * A wrong password, a used, expired or unknown link: an AppError, and nothing is linked.
 */
export async function confirmPendingLink(db: Db, input: { pendingId: string; password: string; address: string | undefined; now?: Date }): Promise<ConfirmedLink> {
  const now = input.now ?? new Date();
  const view = await findPendingLink(db, input.pendingId, now);
  if (!view) throw new AppError("NOT_FOUND", "This account link is unknown. Open the link in the LMS again.");
  if (view.state !== "open") throw new AppError("CONFLICT", CLOSED_PENDING_LINK[view.state]);
  if (view.isAdmin) throw new AppError("FORBIDDEN", `${REFUSAL.account_refused}: ${view.email} belongs to a site administrator here, whose account cannot be signed in from an LMS.`);

  const limit = await hitSignInLimits(db, view.email, input.address, now);
  if (!limit.allowed) {
    throw new AppError("RATE_LIMITED", `Too many password attempts for ${view.email}. Try again in ${limit.retryAfterSeconds} seconds.`, { retryAfterSeconds: limit.retryAfterSeconds });
  }
  const user = await verifyCredentials(db, { email: view.email, password: input.password });
  if (!user || user.id !== view.userId) throw new AppError("INVALID_INPUT", `That is not the password of ${view.email}. Nothing was linked.`);
  await forgiveSignInAttempt(db, view.email, input.address, now);

  return db.transaction(async (tx) => {
    // Claimed once: a second submission (or a replay of this one) finds it used.
    const [pending] = await tx
      .update(ltiPendingLinks)
      .set({ usedAt: now })
      .where(and(eq(ltiPendingLinks.id, view.id), isNull(ltiPendingLinks.usedAt), gt(ltiPendingLinks.expiresAt, now)))
      .returning();
    if (!pending) throw new AppError("CONFLICT", CLOSED_PENDING_LINK.used);

    const [existing] = await tx.select({ userId: ltiUserLinks.userId }).from(ltiUserLinks).where(and(eq(ltiUserLinks.platformId, pending.platformId), eq(ltiUserLinks.sub, pending.sub)));
    if (existing && existing.userId !== pending.userId) throw new AppError("CONFLICT", "This LMS account was linked to another Tensorgrade account meanwhile. Open the link in the LMS again.");
    if (!existing) await tx.insert(ltiUserLinks).values({ platformId: pending.platformId, sub: pending.sub, userId: pending.userId, createdAt: now, lastLaunchAt: now });

    if (pending.courseId && pending.contextRowId) {
      const [context] = await tx.select({ courseId: ltiContexts.courseId }).from(ltiContexts).where(eq(ltiContexts.id, pending.contextRowId)).for("update");
      let courseId = context?.courseId ?? null;
      // The launch would have linked a new LMS course to its target's course: only now that the account is proven.
      if (context && courseId === null) {
        if (!(await mayLinkLms(tx, pending.userId, pending.courseId))) throw new AppError("FORBIDDEN", `${REFUSAL.unlinked_course}.`);
        await tx.update(ltiContexts).set({ courseId: pending.courseId }).where(eq(ltiContexts.id, pending.contextRowId));
        courseId = pending.courseId;
      }
      if (courseId !== pending.courseId) throw new AppError("CONFLICT", `${REFUSAL.course_mismatch}. Open the link in the LMS again.`);
      await enrolFromLms(tx, courseId, pending.userId, pending.role ?? "student");
      await tx.insert(ltiContextMembers).values({ contextRowId: pending.contextRowId, userId: pending.userId, createdAt: now }).onConflictDoNothing();
    }
    return { userId: pending.userId, redirectPath: pending.redirectPath, frameOrigins: pending.frameOrigins };
  });
}
