import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { enrolments, users, type CourseRole } from "../db/schema";
import { AppError } from "../errors";
import type { Transaction as Tx } from "../db/transaction";

export interface CourseMember {
  userId: string;
  name: string;
  email: string;
  role: CourseRole;
  joinedAt: Date;
}

const ROLE_ORDER = sql`case ${enrolments.role} when 'instructor' then 0 when 'ta' then 1 else 2 end`;

/** The course's members, instructors first, then TAs, then students, each by name. */
export async function listCourseMembers(db: Db, courseId: string): Promise<CourseMember[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: enrolments.role, joinedAt: enrolments.createdAt })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(enrolments.courseId, courseId))
    .orderBy(ROLE_ORDER, asc(users.name), asc(users.email));
}

/** How many members the course has in each role. */
export async function countCourseMembers(db: Db, courseId: string): Promise<Record<CourseRole, number>> {
  const rows = await db
    .select({ role: enrolments.role, count: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(eq(enrolments.courseId, courseId))
    .groupBy(enrolments.role);
  const counts: Record<CourseRole, number> = { instructor: 0, ta: 0, student: 0 };
  for (const row of rows) counts[row.role] = Number(row.count);
  return counts;
}

/** Gives a member another role; the last instructor of a course cannot step down. */
export async function changeMemberRole(db: Db, courseId: string, userId: string, role: CourseRole): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockMembership(tx, courseId, userId);
    if (current === role) return;
    if (current === "instructor") await ensureAnotherInstructor(tx, courseId, "change the role of");
    await tx.update(enrolments).set({ role }).where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
  });
}

/**
 * Removes a member from the course in the caller's transaction (their account stays); the last
 * instructor cannot be removed. lib/workflows/remove-course-member.ts ends their accommodations with it.
 */
export async function removeMemberInTransaction(tx: Tx, courseId: string, userId: string): Promise<void> {
  const current = await lockMembership(tx, courseId, userId);
  if (current === "instructor") await ensureAnotherInstructor(tx, courseId, "remove");
  await tx.delete(enrolments).where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)));
}


/**
 * Locks the course's instructor rows and the member's own row, so that two instructors demoting each
 * other at the same moment cannot both succeed and leave the course without one.
 */
async function lockMembership(tx: Tx, courseId: string, userId: string): Promise<CourseRole> {
  await tx
    .select({ userId: enrolments.userId })
    .from(enrolments)
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.role, "instructor")))
    .for("update");
  const [row] = await tx
    .select({ role: enrolments.role })
    .from(enrolments)
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)))
    .for("update");
  if (!row) throw new AppError("NOT_FOUND", "That person is not a member of this course.");
  return row.role;
}

async function ensureAnotherInstructor(tx: Tx, courseId: string, verb: string): Promise<void> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.role, "instructor")));
  if (Number(row?.count ?? 0) <= 1) {
    throw new AppError("CONFLICT", `A course needs at least one instructor: you cannot ${verb} its last instructor.`);
  }
}
