import { and, asc, eq, getTableColumns, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/transaction";
import { accommodationGroups, accommodations, assessments, users } from "../db/schema";

/** A grant as pages list it: what it gives, to whom, on what, by whom. */
export interface GrantView {
  id: string;
  userId: string | null;
  studentName: string | null;
  studentEmail: string | null;
  groupId: string | null;
  groupLabel: string | null;
  /** Null: every assessment of the course. */
  assessmentId: string | null;
  assessmentTitle: string | null;
  /** The assessment's own due date, which an extended one replaces. */
  assessmentDueAt: Date | null;
  dueAt: Date | null;
  extraAttempts: number;
  waiveLatePenalty: boolean;
  timeMultiplier: number | null;
  note: string;
  grantedByName: string | null;
  updatedAt: Date;
}

const grantedBy = alias(users, "granted_by_user");

/** The grants of a course matching `where`, with their names, by student or group, then assessment. */
export async function selectGrantViews(db: DbOrTx, courseId: string, where?: ReturnType<typeof eq>): Promise<GrantView[]> {
  const { id, userId, groupId, assessmentId, dueAt, extraAttempts, waiveLatePenalty, timeMultiplier, note, updatedAt } = getTableColumns(accommodations);
  const rows = await db
    .select({
      id,
      userId,
      studentName: users.name,
      studentEmail: users.email,
      groupId,
      groupLabel: accommodationGroups.label,
      assessmentId,
      assessmentTitle: assessments.title,
      assessmentDueAt: assessments.dueAt,
      dueAt,
      extraAttempts,
      waiveLatePenalty,
      timeMultiplier,
      note,
      grantedByName: grantedBy.name,
      updatedAt,
    })
    .from(accommodations)
    .leftJoin(users, eq(users.id, accommodations.userId))
    .leftJoin(accommodationGroups, eq(accommodationGroups.id, accommodations.groupId))
    .leftJoin(assessments, eq(assessments.id, accommodations.assessmentId))
    .leftJoin(grantedBy, eq(grantedBy.id, accommodations.grantedBy))
    .where(where ? and(eq(accommodations.courseId, courseId), where) : eq(accommodations.courseId, courseId))
    .orderBy(asc(accommodationGroups.label), asc(users.name), sql`${assessments.position} asc nulls first`, asc(assessments.title));
  return rows.map((row) => ({ ...row, timeMultiplier: row.timeMultiplier === null ? null : Number(row.timeMultiplier) }));
}
