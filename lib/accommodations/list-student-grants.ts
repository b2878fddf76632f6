import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { accommodationGroupMembers, accommodations, assessments, studentAccommodations } from "../db/schema";
import { selectGrantViews, type GrantView } from "./grant-row";

/** What a student has on one assessment, every grant of theirs and of their groups combined (the view's rule). */
export interface EffectiveAccommodation {
  assessmentId: string;
  assessmentTitle: string;
  /** The assessment's own due date. */
  assessmentDueAt: Date | null;
  /** The due date that applies to this student: the later of the assessment's and an extended one. */
  effectiveDueAt: Date | null;
  extended: boolean;
  /** The assessment's own attempt limit per exercise (null: unlimited) and time limit in minutes (null: untimed). */
  attemptLimit: number | null;
  timeLimitMinutes: number | null;
  extraAttempts: number;
  waiveLatePenalty: boolean;
  timeMultiplier: number | null;
}

export interface StudentGrants {
  /** Their own grants and their groups' (groupLabel set), as granted. */
  grants: GrantView[];
  /**
   * Per assessment, in course order: what applies once everything is combined; only assessments where
   * something does (an extension the assessment's own due date has caught up with is nothing).
   */
  effective: EffectiveAccommodation[];
}

/** One student's grants in a course, their own and through their groups, and what applies on each assessment. */
export async function listStudentGrants(db: DbOrTx, courseId: string, userId: string): Promise<StudentGrants> {
  const groups = await db.select({ groupId: accommodationGroupMembers.groupId }).from(accommodationGroupMembers).where(eq(accommodationGroupMembers.userId, userId));
  const groupIds = groups.map((row) => row.groupId);
  const grants = await selectGrantViews(
    db,
    courseId,
    groupIds.length > 0 ? or(eq(accommodations.userId, userId), inArray(accommodations.groupId, groupIds))! : eq(accommodations.userId, userId),
  );
  const rows = await db
    .select({
      assessmentId: studentAccommodations.assessmentId,
      assessmentTitle: assessments.title,
      assessmentDueAt: assessments.dueAt,
      attemptLimit: assessments.attemptLimit,
      timeLimitMinutes: assessments.timeLimitMinutes,
      dueAt: studentAccommodations.dueAt,
      extraAttempts: studentAccommodations.extraAttempts,
      waiveLatePenalty: studentAccommodations.waiveLatePenalty,
      timeMultiplier: studentAccommodations.timeMultiplier,
    })
    .from(studentAccommodations)
    .innerJoin(assessments, eq(assessments.id, studentAccommodations.assessmentId))
    .where(and(eq(studentAccommodations.courseId, courseId), eq(studentAccommodations.userId, userId)))
    .orderBy(asc(assessments.position), asc(assessments.createdAt));
  const combined = rows.map((raw): EffectiveAccommodation => {
    // The view's columns may arrive as text, as in lib/scoring/student-accommodations.ts.
    const row = { ...raw, dueAt: raw.dueAt === null ? null : new Date(raw.dueAt), extraAttempts: Number(raw.extraAttempts), waiveLatePenalty: Boolean(raw.waiveLatePenalty) };
    // As applyAccommodation: an extension counts only on an assessment that has a due date, and only when later.
    const extended = row.assessmentDueAt !== null && row.dueAt !== null && row.dueAt > row.assessmentDueAt;
    return {
      assessmentId: row.assessmentId,
      assessmentTitle: row.assessmentTitle,
      assessmentDueAt: row.assessmentDueAt,
      effectiveDueAt: extended ? row.dueAt : row.assessmentDueAt,
      extended,
      attemptLimit: row.attemptLimit,
      timeLimitMinutes: row.timeLimitMinutes,
      extraAttempts: row.extraAttempts,
      waiveLatePenalty: row.waiveLatePenalty,
      timeMultiplier: row.timeMultiplier === null ? null : Number(row.timeMultiplier),
    };
  });
  // A lapsed extension (the assessment is now due then or later) and nothing else gives nothing: no row.
  const effective = combined.filter((row) => row.extended || row.extraAttempts > 0 || row.waiveLatePenalty || (row.timeMultiplier !== null && row.timeMultiplier > 1));
  return { grants, effective };
}
