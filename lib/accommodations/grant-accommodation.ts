import { and, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { accommodations, type AccommodationRow } from "../db/schema";
import type { Transaction } from "../db/transaction";
import { AppError } from "../errors";
import { appendAudit } from "./audit";
import { describeGrant, describeWhere, describeWho, grantParts, grantSnapshot } from "./describe";
import { dueDateProblem } from "./due-date";
import { GrantInputSchema, type Grant, type GrantInput } from "./schemas";
import { getAssessmentRef, getCourseGroup, getCourseStudent, getCourseTimeZone } from "./subjects";
import { changesScores, listGroupMemberIds, trackAccommodationScores } from "./track-scores";
import type { AccommodationScope } from "./types";

export interface GrantResult {
  id: string;
  /** "unchanged": the grant already said exactly this; nothing was written or audited. */
  action: "granted" | "changed" | "unchanged";
  summary: string;
}

/**
 * Grants a student or a group of the course an accommodation on one assessment (or all), or changes
 * the grant they already have there: the new terms replace the old. A new extended due date must be
 * later than the assessment's own (a field error on dueAt otherwise); an unchanged one is not checked
 * again (the assessment's due date may have moved since). Audited; counted scores re-reported.
 */
export async function grantAccommodation(db: Db, scope: AccommodationScope, input: GrantInput): Promise<GrantResult> {
  const grant = GrantInputSchema.parse(input);
  return db.transaction((tx) => writeGrant(tx, scope, grant));
}

/** grantAccommodation inside the caller's transaction (the CSV import writes many). */
/**
 * `tracked`: the caller already tracks score changes around this write, for every student it can move
 * (an import of many rows tracks once, not once per row).
 */
export async function writeGrant(tx: Transaction, scope: AccommodationScope, grant: Grant, options: { tracked?: boolean } = {}): Promise<GrantResult> {
  const { courseId } = scope;
  const timeZone = await getCourseTimeZone(tx, courseId);
  const target = "userId" in grant.target ? await getCourseStudent(tx, courseId, grant.target.userId) : await getCourseGroup(tx, courseId, grant.target.groupId);
  const assessment = grant.assessmentId ? await getAssessmentRef(tx, courseId, grant.assessmentId) : null;
  const userId = "userId" in grant.target ? grant.target.userId : null;
  const groupId = "groupId" in grant.target ? grant.target.groupId : null;
  const [existing] = await tx
    .select()
    .from(accommodations)
    .where(and(eq(accommodations.courseId, courseId), sameOrNull(accommodations.userId, userId), sameOrNull(accommodations.groupId, groupId), sameOrNull(accommodations.assessmentId, grant.assessmentId)))
    .for("update");
  // Only a new due date is checked: one the assessment's own due date has since caught up with
  // (a lapsed extension) stays as it is when the rest of the grant, or its note, changes.
  if (!existing || !sameInstant(existing.dueAt, grant.dueAt)) {
    const problem = dueDateProblem(grant.dueAt, assessment, timeZone);
    if (problem) throw new z.ZodError([{ code: "custom", path: ["dueAt"], message: problem, input: grant.dueAt }]);
  }
  const who = describeWho(target);
  const where = describeWhere(assessment);
  const summary = describeGrant(who, where, grant, timeZone);
  const values = {
    dueAt: grant.dueAt,
    extraAttempts: grant.extraAttempts,
    waiveLatePenalty: grant.waiveLatePenalty,
    timeMultiplier: grant.timeMultiplier === null ? null : grant.timeMultiplier.toFixed(2),
    note: grant.note,
    grantedBy: scope.actorId,
  };
  if (existing && sameTerms(existing, values)) return { id: existing.id, action: "unchanged", summary };

  const members = userId ? [userId] : await listGroupMemberIds(tx, groupId!);
  const scoring = !options.tracked && (changesScores(existing) || changesScores(grant));
  const id = await trackAccommodationScores(
    tx,
    { courseId, userIds: scoring ? members : [], assessmentIds: grant.assessmentId ? [grant.assessmentId] : "all" },
    async () => {
      if (existing) {
        await tx.update(accommodations).set({ ...values, updatedAt: new Date() }).where(eq(accommodations.id, existing.id));
        return existing.id;
      }
      const [row] = await tx
        .insert(accommodations)
        .values({ ...values, courseId, userId, groupId, assessmentId: grant.assessmentId })
        .onConflictDoNothing()
        .returning({ id: accommodations.id });
      // Someone else granted the same student or group on the same assessment just now.
      if (!row) throw new AppError("CONFLICT", `${who} was just granted an accommodation on ${where} by someone else: reload and change that one.`);
      return row.id;
    },
  );
  const action = existing ? "changed" : "granted";
  const audited = existing ? `${summary} (was ${grantParts(existing, timeZone).join(", ") || "nothing"})` : summary;
  await appendAudit(tx, {
    ...scope,
    action,
    userId,
    groupId,
    assessmentId: grant.assessmentId,
    summary: audited,
    before: existing ? grantSnapshot(existing) : null,
    after: grantSnapshot(grant),
  });
  return { id, action, summary: audited };
}

function sameOrNull(column: typeof accommodations.userId | typeof accommodations.groupId | typeof accommodations.assessmentId, value: string | null): SQL {
  return value === null ? isNull(column) : eq(column, value);
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function sameTerms(row: AccommodationRow, values: Pick<AccommodationRow, "dueAt" | "extraAttempts" | "waiveLatePenalty" | "timeMultiplier" | "note">): boolean {
  return (
    sameInstant(row.dueAt, values.dueAt) &&
    row.extraAttempts === values.extraAttempts &&
    row.waiveLatePenalty === values.waiveLatePenalty &&
    (row.timeMultiplier === null ? null : Number(row.timeMultiplier)) === (values.timeMultiplier === null ? null : Number(values.timeMultiplier)) &&
    row.note === values.note
  );
}
