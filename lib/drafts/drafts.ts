import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { drafts, type User } from "../db/schema";
import { findAssignmentOfExercise } from "../courses/assignments";
import { can } from "../auth/permissions";
import { findMembershipBySlug } from "../courses/courses";
import { logDraftSave, requireDraftAllowed } from "../exams/enforce";
import { AppError } from "../errors";
import { EXERCISE_KINDS } from "../exercises/kinds";
import { CodeTextSchema } from "../http/safe-text";
import { MAX_CODE_BYTES } from "../submissions/rules";

export const DraftRequestSchema = z.object({ code: CodeTextSchema }).strict();
export type DraftRequest = z.infer<typeof DraftRequestSchema>;

export interface DraftView {
  code: string;
  /** Server time of the last save, ISO 8601. */
  updatedAt: string;
}

/** A code exercise assigned in a course the user belongs to; NOT_FOUND for anything else. */
async function requireCodeExercise(db: Db, user: User, courseSlug: string, exerciseId: string) {
  const membership = await findMembershipBySlug(db, courseSlug, user.id);
  const assigned = membership ? await findAssignmentOfExercise(db, membership.course.id, exerciseId) : null;
  if (!membership || !assigned) throw new AppError("NOT_FOUND", "No such exercise in this course.");
  if (!EXERCISE_KINDS[assigned.exercise.kind].keepsDrafts) throw new AppError("INVALID_INPUT", "A quiz has no code to keep as a draft.");
  return membership;
}

/** Stores the user's draft of an exercise (one per user and exercise, the newest save wins). */
export async function saveDraft(db: Db, user: User, courseSlug: string, exerciseId: string, request: DraftRequest, now = new Date()): Promise<DraftView> {
  const membership = await requireCodeExercise(db, user, courseSlug, exerciseId);
  // A student's timed work takes drafts only while it runs (the page's last save at zero lands within the grace).
  const timedAssessmentId = can(membership, "submit-as-student") ? await requireDraftAllowed(db, membership.course.id, user.id, exerciseId, now) : null;
  if (Buffer.byteLength(request.code, "utf8") > MAX_CODE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Your code is over the limit of ${MAX_CODE_BYTES / 1024} KB; the draft was not saved.`);
  }
  await db
    .insert(drafts)
    .values({ userId: user.id, exerciseId, code: request.code, updatedAt: now })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.exerciseId], set: { code: request.code, updatedAt: now } });
  if (timedAssessmentId) await logDraftSave(db, timedAssessmentId, user.id, exerciseId, now);
  return { code: request.code, updatedAt: now.toISOString() };
}

/** The user's saved draft of an exercise in a course they belong to, or null when there is none. */
export async function findDraft(db: Db, user: User, courseSlug: string, exerciseId: string): Promise<DraftView | null> {
  await requireCodeExercise(db, user, courseSlug, exerciseId);
  return findOwnDraft(db, user.id, exerciseId);
}

/** The draft row for a user and exercise, without an access check: for callers that have made one. */
export async function findOwnDraft(db: Db, userId: string, exerciseId: string): Promise<DraftView | null> {
  const [row] = await db
    .select({ code: drafts.code, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.exerciseId, exerciseId)))
    .limit(1);
  return row ? { code: row.code, updatedAt: row.updatedAt.toISOString() } : null;
}
