import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { accommodationGroups, assessments, enrolments, users } from "../db/schema";
import type { AssessmentRef, GroupRef, StudentRef } from "./subjects";

export interface GrantFormOptions {
  students: StudentRef[];
  groups: GroupRef[];
  /** In course order. */
  assessments: AssessmentRef[];
}

/** What the grant forms offer: the course's students, groups and assessments. */
export async function listGrantFormOptions(db: DbOrTx, courseId: string): Promise<GrantFormOptions> {
  // One after another: on a transaction (or PGlite's one connection) queries do not run side by side.
  const students = await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.role, "student")))
      .orderBy(asc(users.name), asc(users.email));
  const groups = await db.select({ id: accommodationGroups.id, label: accommodationGroups.label }).from(accommodationGroups).where(eq(accommodationGroups.courseId, courseId)).orderBy(asc(accommodationGroups.label));
  return { students, groups, assessments: await listAssessmentRefs(db, courseId) };
}

/** The course's assessments (id, title, due date) in course order. */
export async function listAssessmentRefs(db: DbOrTx, courseId: string): Promise<AssessmentRef[]> {
  return db
    .select({ id: assessments.id, title: assessments.title, dueAt: assessments.dueAt })
    .from(assessments)
    .where(eq(assessments.courseId, courseId))
    .orderBy(asc(assessments.position), asc(assessments.createdAt));
}
