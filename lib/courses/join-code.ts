import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { courses, type Course } from "../db/schema";
import { AppError } from "../errors";
import { hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { enrolIfAbsent } from "./courses";

// No 0/O, 1/I/L: codes are read aloud and copied from slides. 31 symbols × 10 ≈ 49.5 bits.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10;
export const JOIN_ATTEMPT_LIMIT: RateLimitRule = { limit: 10, windowMs: 15 * 60 * 1000 };

/** A fresh random join code, e.g. "K7PQ2-MZ4XW" (stored without the hyphen). */
export function generateJoinCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A code as people type it (any case, spaces or hyphens) in the stored form. */
export const JoinCodeSchema = z
  .string()
  .transform((raw) => raw.toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`), `must be the ${CODE_LENGTH}-character code your instructor gave you`));

/** A stored code as it is shown: two groups of five. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Gives the course a new join code; the old one stops working at once. */
export async function rotateJoinCode(db: Db, courseId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateJoinCode();
    const taken = await db.select({ id: courses.id }).from(courses).where(eq(courses.joinCode, code)).limit(1);
    if (taken.length > 0) continue;
    await db.update(courses).set({ joinCode: code }).where(eq(courses.id, courseId));
    return code;
  }
  throw new Error("Could not find an unused join code in five tries");
}

/** Turns joining by code off for the course. */
export async function disableJoinCode(db: Db, courseId: string): Promise<void> {
  await db.update(courses).set({ joinCode: null }).where(eq(courses.id, courseId));
}

export interface JoinResult {
  course: Course;
  alreadyMember: boolean;
}

/**
 * Enrols the user as a student of the course whose join code this is. Attempts are limited per user,
 * so codes cannot be guessed; a member who joins again keeps the role they have.
 */
export async function joinCourseWithCode(db: Db, userId: string, rawCode: string, now = new Date()): Promise<JoinResult> {
  const decision = await hitRateLimit(db, `join-code:${userId}`, JOIN_ATTEMPT_LIMIT, now);
  if (!decision.allowed) {
    throw new AppError("RATE_LIMITED", "Too many join attempts. Wait a few minutes and try again.", {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  const parsed = JoinCodeSchema.safeParse(rawCode);
  const [course] = parsed.success ? await db.select().from(courses).where(eq(courses.joinCode, parsed.data)).limit(1) : [];
  if (!course) throw new AppError("NOT_FOUND", "No course has this join code. Check it with your instructor.");
  // One statement, so that a role given at the same moment is never overwritten with "student".
  const enrolled = await enrolIfAbsent(db, course.id, userId, "student");
  return { course, alreadyMember: !enrolled };
}
