import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db";
import { assessmentScoreOverrides, assessments, assignments, scoreOverrideAudit, submissions, users } from "../db/schema";

/** One manual change of a score or staff comment on one, as the staff's student page lists it. */
export interface OverrideAuditEntry {
  id: string;
  submissionId: string | null;
  assessmentId: string | null;
  /** Fractions 0..1 as the student saw them before and after (null: no score). */
  previousScore: number | null;
  newScore: number | null;
  comment: string;
  /** Who did it; null once their account is gone. */
  actorName: string | null;
  at: Date;
}

/** Every override and comment on one student's scores in the course, oldest first. */
export async function listStudentOverrideAudit(db: Db, courseId: string, userId: string): Promise<OverrideAuditEntry[]> {
  return db
    .select({
      id: scoreOverrideAudit.id,
      submissionId: scoreOverrideAudit.submissionId,
      assessmentId: scoreOverrideAudit.assessmentId,
      previousScore: scoreOverrideAudit.previousScore,
      newScore: scoreOverrideAudit.newScore,
      comment: scoreOverrideAudit.comment,
      actorName: users.name,
      at: scoreOverrideAudit.at,
    })
    .from(scoreOverrideAudit)
    .leftJoin(users, eq(users.id, scoreOverrideAudit.actorId))
    .where(and(eq(scoreOverrideAudit.courseId, courseId), eq(scoreOverrideAudit.userId, userId)))
    .orderBy(asc(scoreOverrideAudit.at), asc(scoreOverrideAudit.id));
}

/** A Submit's or an assessment's manual score, with who set it last and the latest comment. */
export interface OverrideMark {
  /** 0..1: of the Submit's exercise points, or of the assessment's. */
  score: number;
  actorName: string | null;
  comment: string;
}

/** Every manual score in a course: assessment scores by student, and overridden Submits with their assignment. */
export interface CourseOverrides {
  /** userId → assessmentId → the score staff set. */
  assessments: Map<string, Map<string, OverrideMark>>;
  /** Overridden Submits of the course, oldest first. */
  submissions: Array<OverrideMark & { submissionId: string; assignmentId: string; userId: string }>;
}

/** The course's manual scores (for the gradebook and its CSV): three reads, whatever the number of students. */
export async function listCourseOverrides(db: Db, courseId: string): Promise<CourseOverrides> {
  const [assessmentRows, submissionRows] = await Promise.all([
    db
      .select({ assessmentId: assessmentScoreOverrides.assessmentId, userId: assessmentScoreOverrides.userId, score: assessmentScoreOverrides.score, comment: assessmentScoreOverrides.comment, actorName: users.name })
      .from(assessmentScoreOverrides)
      .innerJoin(assessments, eq(assessments.id, assessmentScoreOverrides.assessmentId))
      .leftJoin(users, eq(users.id, assessmentScoreOverrides.setBy))
      .where(eq(assessments.courseId, courseId)),
    db
      .select({ submissionId: submissions.id, assignmentId: assignments.id, userId: submissions.userId, score: submissions.overrideScore })
      .from(submissions)
      .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
      .where(and(eq(assignments.courseId, courseId), isNotNull(submissions.overrideScore)))
      .orderBy(asc(submissions.createdAt), asc(submissions.id)),
  ]);
  const byUser = new Map<string, Map<string, OverrideMark>>();
  for (const row of assessmentRows) {
    const own = byUser.get(row.userId) ?? new Map<string, OverrideMark>();
    own.set(row.assessmentId, { score: row.score, actorName: row.actorName, comment: row.comment });
    byUser.set(row.userId, own);
  }
  const notes = await listSubmissionNotes(
    db,
    submissionRows.map((row) => row.submissionId),
  );
  return {
    assessments: byUser,
    submissions: submissionRows.map((row) => ({ ...row, score: row.score!, actorName: notes.get(row.submissionId)?.actorName ?? null, comment: notes.get(row.submissionId)?.comment ?? "" })),
  };
}

/** The assessment scores staff set for one student: assessmentId → score 0..1 and its comment. */
export async function listStudentAssessmentOverrides(db: Db, courseId: string, userId: string): Promise<Map<string, OverrideMark>> {
  const rows = await db
    .select({ assessmentId: assessmentScoreOverrides.assessmentId, score: assessmentScoreOverrides.score, comment: assessmentScoreOverrides.comment, actorName: users.name })
    .from(assessmentScoreOverrides)
    .innerJoin(assessments, eq(assessments.id, assessmentScoreOverrides.assessmentId))
    .leftJoin(users, eq(users.id, assessmentScoreOverrides.setBy))
    .where(and(eq(assessments.courseId, courseId), eq(assessmentScoreOverrides.userId, userId)));
  return new Map(rows.map((row) => [row.assessmentId, { score: row.score, actorName: row.actorName, comment: row.comment }]));
}

/** What staff last said about each Submit: who changed its score last, and the latest comment (empty: none). */
export async function listSubmissionNotes(db: Db, submissionIds: readonly string[]): Promise<Map<string, { actorName: string | null; comment: string }>> {
  const notes = new Map<string, { actorName: string | null; comment: string }>();
  if (submissionIds.length === 0) return notes;
  const rows = await db
    .select({ submissionId: scoreOverrideAudit.submissionId, previousScore: scoreOverrideAudit.previousScore, newScore: scoreOverrideAudit.newScore, comment: scoreOverrideAudit.comment, actorName: users.name })
    .from(scoreOverrideAudit)
    .leftJoin(users, eq(users.id, scoreOverrideAudit.actorId))
    .where(inArray(scoreOverrideAudit.submissionId, [...submissionIds]))
    .orderBy(desc(scoreOverrideAudit.at), desc(scoreOverrideAudit.id));
  const actorSet = new Set<string>();
  for (const row of rows) {
    const id = row.submissionId!;
    const note = notes.get(id) ?? { actorName: null, comment: "" };
    if (note.comment === "" && row.comment !== "") note.comment = row.comment;
    if (!actorSet.has(id) && row.previousScore !== row.newScore) {
      note.actorName = row.actorName;
      actorSet.add(id);
    }
    notes.set(id, note);
  }
  return notes;
}

/** The latest staff comment on each of a student's assessments (empty comments skipped). */
export async function listAssessmentComments(db: Db, courseId: string, userId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ assessmentId: scoreOverrideAudit.assessmentId, comment: scoreOverrideAudit.comment })
    .from(scoreOverrideAudit)
    .where(and(eq(scoreOverrideAudit.courseId, courseId), eq(scoreOverrideAudit.userId, userId), isNotNull(scoreOverrideAudit.assessmentId)))
    .orderBy(desc(scoreOverrideAudit.at), desc(scoreOverrideAudit.id));
  const comments = new Map<string, string>();
  for (const row of rows) if (row.comment !== "" && !comments.has(row.assessmentId!)) comments.set(row.assessmentId!, row.comment);
  return comments;
}
