import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db";
import type { Transaction } from "../../db/transaction";
import { enrolments, ltiContextMembers, ltiContexts, ltiPlatforms, ltiUserLinks } from "../../db/schema";
import { removeCourseMemberIn } from "../../workflows/remove-course-member";
import { enrolFromLms, linkedAccount, LtiAccountError } from "../accounts";
import { PlatformRequestError } from "../platform-http";
import { courseRoleFromLtiRoles } from "../roles";
import { readMemberships, type MembershipList, type NrpsMember } from "./memberships";

/** What one roster sync did (the numbers staff are shown). */
export interface RosterSyncResult {
  /** Members read from the LMS. */
  members: number;
  /** Enrolled in the course (accounts created or linked as needed). */
  added: number;
  /** Members whose course role the LMS raised. */
  updated: number;
  /** Students who came in through this LMS course and left it (inactive, deleted or gone from it), whose enrolment ended. */
  ended: number;
  /** Members left alone, with why (e.g. a site administrator's email). */
  skipped: { sub: string; reason: string }[];
  /** Why no one was ended although the list was read (it was incomplete), or null. */
  notice: string | null;
}

/** A roster sync that could not run: `reason` is recorded on the LMS course and shown to staff. */
export class RosterSyncError extends Error {
  override name = "RosterSyncError";
  constructor(
    readonly reason: string,
    /** Whether trying again later may succeed (the platform was unreachable or failing). */
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

/**
 * Syncs an LMS course's roster (NRPS) into its Tensorgrade course: active members get an account (linked by
 * the platform's `sub`), an enrolment with their LMS role (only ever raised) and a record that they came in
 * through this LMS course (lti_context_members). Students with that record who are inactive, deleted or
 * absent from the complete list leave this LMS course: their record goes, and so does their enrolment
 * (through the remove-member workflow, so that accommodations end too) unless they also came in through
 * another LMS course linked to the same course. Nobody else is touched: not members added in Tensorgrade
 * or through another LMS course, not staff. All writes in one transaction; the outcome, or the error, is
 * recorded on the context. `actorId`: who asked (null for the queued job).
 */
export async function syncRoster(db: Db, contextRowId: string, options: { now?: Date; actorId?: string | null } = {}): Promise<RosterSyncResult> {
  const now = options.now ?? new Date();
  const [row] = await db
    .select({ context: ltiContexts, platform: ltiPlatforms })
    .from(ltiContexts)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
    .where(eq(ltiContexts.id, contextRowId));
  if (!row) throw new RosterSyncError("That LMS course is not known here.", false);
  const { context, platform } = row;
  const fail = async (reason: string, retryable: boolean): Promise<never> => {
    await db.update(ltiContexts).set({ lastRosterSyncAt: now, lastRosterSyncError: reason }).where(eq(ltiContexts.id, contextRowId));
    throw new RosterSyncError(reason, retryable);
  };
  if (!context.courseId) return fail("This LMS course is not linked to a Tensorgrade course yet.", false);
  if (!context.membershipsUrl) return fail("The LMS has not offered its member list (Names and Role Provisioning) for this course: launch Tensorgrade from the LMS course once, and check that the tool may read names and roles.", false);
  const courseId = context.courseId;

  let list: MembershipList;
  try {
    list = await readMemberships(db, platform, context.membershipsUrl);
  } catch (error) {
    if (error instanceof PlatformRequestError) return fail(error.reason, error.retryable);
    throw error;
  }

  // Absent members leave only when this list is the LMS course's whole roster; a course fed by several LMS
  // courses (sections) keeps whoever still came in through another of them (endDeparted).
  const notice = list.incomplete;

  return db.transaction(async (tx) => {
    // One sync of a context at a time: a launch's job and the staff button wait for each other.
    await tx.select({ id: ltiContexts.id }).from(ltiContexts).where(eq(ltiContexts.id, contextRowId)).for("update");
    const result: RosterSyncResult = { members: list.members.length, added: 0, updated: 0, ended: 0, skipped: [], notice };
    for (const member of list.unreadable) result.skipped.push({ sub: member.sub ?? "(no user_id)", reason: member.reason });
    for (const member of list.members.filter((m) => m.status === "Active")) await enrolMember(tx, platform.id, context.id, courseId, member, result, now);
    result.ended = await endDeparted(tx, platform.id, context.id, courseId, list, notice === null, options.actorId ?? null);
    await tx.update(ltiContexts).set({ lastRosterSyncAt: now, lastRosterSyncError: list.incomplete }).where(eq(ltiContexts.id, contextRowId));
    return result;
  });
}

async function enrolMember(tx: Transaction, platformId: string, contextRowId: string, courseId: string, member: NrpsMember, result: RosterSyncResult, now: Date): Promise<void> {
  const name = member.name?.trim() || [member.given_name, member.family_name].filter(Boolean).join(" ").trim() || null;
  let userId: string;
  try {
    userId = (await linkedAccount(tx, platformId, { sub: member.user_id, name, email: member.email }, now)).id;
  } catch (error) {
    if (!(error instanceof LtiAccountError)) throw error;
    result.skipped.push({ sub: member.user_id, reason: error.message });
    return;
  }
  const [before] = await tx.select({ role: enrolments.role }).from(enrolments).where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
  const role = await enrolFromLms(tx, courseId, userId, courseRoleFromLtiRoles(member.roles));
  await tx.insert(ltiContextMembers).values({ contextRowId, userId }).onConflictDoNothing();
  if (!before) result.added += 1;
  else if (role !== before.role) result.updated += 1;
}

/**
 * The course's students who came in through this LMS course (lti_context_members) and left it: marked
 * inactive or deleted, or (when `endAbsent`) absent from its list. A sub the tool could not read counts as
 * present. Each loses this LMS course's record; the enrolment ends only for those who did not also come
 * in through another LMS course linked to the same course. Returns how many enrolments ended.
 */
async function endDeparted(tx: Transaction, platformId: string, contextRowId: string, courseId: string, list: MembershipList, endAbsent: boolean, actorId: string | null): Promise<number> {
  const status = new Map<string, NrpsMember["status"] | "unreadable">();
  for (const member of list.members) status.set(member.user_id, member.status);
  for (const member of list.unreadable) if (member.sub) status.set(member.sub, "unreadable");

  const recorded = await tx
    .select({ userId: ltiContextMembers.userId })
    .from(ltiContextMembers)
    .innerJoin(enrolments, and(eq(enrolments.userId, ltiContextMembers.userId), eq(enrolments.courseId, courseId)))
    .where(and(eq(ltiContextMembers.contextRowId, contextRowId), eq(enrolments.role, "student")));
  if (recorded.length === 0) return 0;
  const userIds = recorded.map((row) => row.userId);
  const links = await tx
    .select({ userId: ltiUserLinks.userId, sub: ltiUserLinks.sub })
    .from(ltiUserLinks)
    .where(and(eq(ltiUserLinks.platformId, platformId), inArray(ltiUserLinks.userId, userIds)));
  const subsByUser = new Map<string, string[]>(userIds.map((userId) => [userId, []]));
  for (const { userId, sub } of links) subsByUser.get(userId)?.push(sub);

  const leaving: string[] = [];
  for (const [userId, subs] of subsByUser) {
    const states = subs.map((sub) => status.get(sub));
    // Any active (or unreadable) identity keeps the person; an explicit Inactive/Deleted ends; absence ends only a complete list.
    if (states.some((state) => state === "Active" || state === "unreadable")) continue;
    if (states.some((state) => state === "Inactive" || state === "Deleted") || endAbsent) leaving.push(userId);
  }
  if (leaving.length === 0) return 0;

  // Who still came in through another LMS course of this Tensorgrade course keeps the enrolment.
  const elsewhere = await tx
    .selectDistinct({ userId: ltiContextMembers.userId })
    .from(ltiContextMembers)
    .innerJoin(ltiContexts, eq(ltiContexts.id, ltiContextMembers.contextRowId))
    .where(and(eq(ltiContexts.courseId, courseId), ne(ltiContexts.id, contextRowId), inArray(ltiContextMembers.userId, leaving)));
  const kept = new Set(elsewhere.map((row) => row.userId));
  await tx.delete(ltiContextMembers).where(and(eq(ltiContextMembers.contextRowId, contextRowId), inArray(ltiContextMembers.userId, leaving)));
  const ending = leaving.filter((userId) => !kept.has(userId));
  for (const userId of ending) await removeCourseMemberIn(tx, courseId, userId, actorId);
  return ending.length;
}
