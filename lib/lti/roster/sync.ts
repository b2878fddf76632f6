import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db";
import type { Transaction } from "../../db/transaction";
import { enrolments, ltiContexts, ltiPlatforms, ltiUserLinks } from "../../db/schema";
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
  /** LMS-linked students whose enrolment ended (inactive, deleted or gone from the LMS course). */
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
 * the platform's `sub`) and an enrolment with their LMS role (only ever raised); students linked to this
 * platform who are inactive, deleted or absent from the complete list have their enrolment ended (through
 * the remove-member workflow, so that accommodations end too). Nobody else is touched: not members added
 * in Tensorgrade, not staff. All writes in one transaction; the outcome, or the error, is recorded on the
 * context. `actorId`: who asked (null for the queued job).
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

  // Absent students are ended only when this list is the course's whole LMS roster on this platform: a
  // course fed by two LMS sections would otherwise lose each section's students to the other's sync.
  const siblings = await db
    .select({ id: ltiContexts.id })
    .from(ltiContexts)
    .where(and(eq(ltiContexts.courseId, courseId), eq(ltiContexts.platformId, platform.id), isNotNull(ltiContexts.membershipsUrl)));
  const notice =
    list.incomplete ?? (siblings.length > 1 ? `This course is linked to ${siblings.length} LMS courses of this platform, so members absent from one list are not ended (only those the LMS marks inactive or deleted).` : null);

  return db.transaction(async (tx) => {
    // One sync of a context at a time: a launch's job and the staff button wait for each other.
    await tx.select({ id: ltiContexts.id }).from(ltiContexts).where(eq(ltiContexts.id, contextRowId)).for("update");
    const result: RosterSyncResult = { members: list.members.length, added: 0, updated: 0, ended: 0, skipped: [], notice };
    for (const member of list.unreadable) result.skipped.push({ sub: member.sub ?? "(no user_id)", reason: member.reason });
    for (const member of list.members.filter((m) => m.status === "Active")) await enrolMember(tx, platform.id, courseId, member, result, now);
    result.ended = await endDeparted(tx, platform.id, courseId, list, notice === null, options.actorId ?? null);
    await tx.update(ltiContexts).set({ lastRosterSyncAt: now, lastRosterSyncError: list.incomplete }).where(eq(ltiContexts.id, contextRowId));
    return result;
  });
}

async function enrolMember(tx: Transaction, platformId: string, courseId: string, member: NrpsMember, result: RosterSyncResult, now: Date): Promise<void> {
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
  if (!before) result.added += 1;
  else if (role !== before.role) result.updated += 1;
}

/**
 * Ends the enrolment of the course's students linked to this platform whom the LMS marks inactive or
 * deleted, and (when `endAbsent`) of those absent from its list. A sub the tool could not read counts as present.
 */
async function endDeparted(tx: Transaction, platformId: string, courseId: string, list: MembershipList, endAbsent: boolean, actorId: string | null): Promise<number> {
  const status = new Map<string, NrpsMember["status"] | "unreadable">();
  for (const member of list.members) status.set(member.user_id, member.status);
  for (const member of list.unreadable) if (member.sub) status.set(member.sub, "unreadable");

  const linked = await tx
    .select({ userId: enrolments.userId, sub: ltiUserLinks.sub })
    .from(enrolments)
    .innerJoin(ltiUserLinks, and(eq(ltiUserLinks.userId, enrolments.userId), eq(ltiUserLinks.platformId, platformId)))
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.role, "student")));
  const subsByUser = new Map<string, string[]>();
  for (const { userId, sub } of linked) subsByUser.set(userId, [...(subsByUser.get(userId) ?? []), sub]);

  const leaving: string[] = [];
  for (const [userId, subs] of subsByUser) {
    const states = subs.map((sub) => status.get(sub));
    // Any active (or unreadable) identity keeps the person; an explicit Inactive/Deleted ends; absence ends only a complete single list.
    if (states.some((state) => state === "Active" || state === "unreadable")) continue;
    if (states.some((state) => state === "Inactive" || state === "Deleted") || endAbsent) leaving.push(userId);
  }
  for (const userId of leaving) await removeCourseMemberIn(tx, courseId, userId, actorId);
  return leaving.length;
}
