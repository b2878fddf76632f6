import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/transaction";
import { accommodationGroups, assessments, courses, enrolments, users } from "../db/schema";
import { AppError } from "../errors";
import { EmailSchema } from "../users/users";

/** What a grant or an audit row names: the student, the group, the assessment. */
export interface StudentRef {
  id: string;
  name: string;
  email: string;
}
export interface GroupRef {
  id: string;
  label: string;
}
export interface AssessmentRef {
  id: string;
  title: string;
  dueAt: Date | null;
}

/** The course's time zone (summaries and forms show dates in it). */
export async function getCourseTimeZone(db: DbOrTx, courseId: string): Promise<string> {
  const [row] = await db.select({ timeZone: courses.timeZone }).from(courses).where(eq(courses.id, courseId));
  if (!row) throw new AppError("NOT_FOUND", "No such course.");
  return row.timeZone;
}

/** A student of the course by id, or null (also for a TA, an instructor or a non-member). */
export async function findCourseStudent(db: DbOrTx, courseId: string, userId: string): Promise<StudentRef | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId), eq(enrolments.role, "student")));
  return row ?? null;
}

/** A student of the course by email (any case), or null. */
export async function findCourseStudentByEmail(db: DbOrTx, courseId: string, email: string): Promise<StudentRef | null> {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.courseId, courseId), eq(users.email, parsed.data), eq(enrolments.role, "student")));
  return row ?? null;
}

/** A student of the course by id; NOT_FOUND otherwise. */
export async function getCourseStudent(db: DbOrTx, courseId: string, userId: string): Promise<StudentRef> {
  const student = await findCourseStudent(db, courseId, userId);
  if (!student) throw new AppError("NOT_FOUND", "There is no such student in this course.");
  return student;
}

/** An accommodation group of the course; NOT_FOUND otherwise. */
export async function getCourseGroup(db: DbOrTx, courseId: string, groupId: string): Promise<GroupRef> {
  const [row] = await db
    .select({ id: accommodationGroups.id, label: accommodationGroups.label })
    .from(accommodationGroups)
    .where(and(eq(accommodationGroups.courseId, courseId), eq(accommodationGroups.id, groupId)));
  if (!row) throw new AppError("NOT_FOUND", "There is no such group in this course.");
  return row;
}

/** An assessment of the course (title and due date); NOT_FOUND otherwise. */
export async function getAssessmentRef(db: DbOrTx, courseId: string, assessmentId: string): Promise<AssessmentRef> {
  const [row] = await db
    .select({ id: assessments.id, title: assessments.title, dueAt: assessments.dueAt })
    .from(assessments)
    .where(and(eq(assessments.courseId, courseId), eq(assessments.id, assessmentId)));
  if (!row) throw new AppError("NOT_FOUND", "There is no such assessment in this course.");
  return row;
}
