import type { Db } from "../db";
import type { User } from "../db/schema";
import { AppError } from "../errors";
import { findMembership, findMembershipBySlug } from "../courses/courses";
import { resetPassword } from "./accounts";
import { findUserById } from "./users";

export interface StudentReset {
  email: string;
  name: string;
  /** Shown to the instructor once; stored only hashed. */
  initialPassword: string;
}

/**
 * An instructor resets the password of a student of their own course. Anyone else (a TA, a student,
 * another course's instructor) and any other target (staff of the course, someone outside it) get
 * NOT_FOUND, as for a course or member they cannot see.
 */
export async function resetStudentPassword(db: Db, actor: User, courseSlug: string, studentId: string): Promise<StudentReset> {
  const own = await findMembershipBySlug(db, courseSlug, actor.id);
  if (own?.role !== "instructor") throw new AppError("NOT_FOUND", "No such course.");
  const target = await findMembership(db, own.course.id, studentId);
  if (target?.role !== "student") throw new AppError("NOT_FOUND", "No such student in this course.");
  const initialPassword = await resetPassword(db, studentId);
  const student = await findUserById(db, studentId);
  return { email: student?.email ?? "", name: student?.name ?? "", initialPassword };
}
