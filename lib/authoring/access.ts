/** Who may author in a course, and a course's own exercise: everything else is NOT_FOUND. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { ARCHIVE_LIMITS, formatBytes } from "../exercises/archive/limits";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { courseExercises, type CourseExercise, type User } from "../db/schema";
import { findMembershipBySlug, type CourseMembership } from "../courses/courses";
import { AppError } from "../errors";
import { hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { retryMessage } from "../rate-limit/retry-message";
import type { PackageFiles } from "./types";

/** The user's membership of the course when they may author there (instructor; TA when the course allows). */
export async function requireAuthor(db: Db, user: Pick<User, "id">, courseSlug: string): Promise<CourseMembership> {
  const membership = await findMembershipBySlug(db, courseSlug, user.id);
  // NOT_FOUND, not FORBIDDEN: a course's authoring is not shown to exist to those who cannot use it.
  if (!membership || !can(membership, "author-exercises")) throw new AppError("NOT_FOUND", "No such course.");
  return membership;
}

/** The course's own exercise; NOT_FOUND for any other id, another course's exercise included. */
export async function getOwnedCourseExercise(db: Db, courseId: string, exerciseId: string): Promise<CourseExercise> {
  const [row] = await db
    .select()
    .from(courseExercises)
    .where(and(eq(courseExercises.id, exerciseId), eq(courseExercises.courseId, courseId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such exercise in this course.");
  return row;
}

const FilesColumnSchema = z.record(z.string(), z.string());

/** A draft's files as stored. */
export function draftFilesOf(row: Pick<CourseExercise, "draftFiles">): PackageFiles {
  return FilesColumnSchema.parse(row.draftFiles);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Files as an author sends them: names and texts, with the package's size limits (as an archive's). */
export const PackageFilesSchema = z
  .record(
    z.string().min(1).max(64),
    z
      .string()
      .max(ARCHIVE_LIMITS.maxFileBytes, `is over ${formatBytes(ARCHIVE_LIMITS.maxFileBytes)}`)
      // PostgreSQL's jsonb holds neither: refused by name here rather than failing at the write.
      .refine((text) => !text.includes("\u0000"), "contains a NUL character")
      .refine((text) => !LONE_SURROGATE.test(text), "contains a lone surrogate (not valid Unicode text)"),
  )
  .refine((files) => Object.keys(files).length <= ARCHIVE_LIMITS.maxFiles, `a package has at most ${ARCHIVE_LIMITS.maxFiles} files`)
  .refine(
    (files) => Object.values(files).reduce((total, text) => total + Buffer.byteLength(text, "utf8"), 0) <= ARCHIVE_LIMITS.maxTotalBytes,
    `a package holds at most ${formatBytes(ARCHIVE_LIMITS.maxTotalBytes)}`,
  );

/** Sandbox work (checks, tries, imports, publishing) per author, across every app instance. */
export const AUTHORING_RATE: RateLimitRule = { limit: 30, windowMs: 60_000 };

/** Counts one piece of sandbox work against the author's budget; RATE_LIMITED past it. */
export async function spendAuthoringBudget(db: Db, user: Pick<User, "id">): Promise<void> {
  const rate = await hitRateLimit(db, `authoring:${user.id}`, AUTHORING_RATE);
  if (rate.allowed) return;
  const reason = `Too many checks and tries (${AUTHORING_RATE.limit} a minute).`;
  throw new AppError("RATE_LIMITED", retryMessage(reason, rate.retryAfterSeconds), { retryAfterSeconds: rate.retryAfterSeconds });
}
