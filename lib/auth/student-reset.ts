import type { Db } from "../db";
import type { User } from "../db/schema";
import { AppError } from "../errors";
import { findMembership, findMembershipBySlug, listCoursesForUser } from "../courses/courses";
import { resetPassword } from "../users/accounts";
import { findUserById } from "../users/users";
import { can } from "./permissions";

export interface StudentReset {
  email: string;
  name: string;
  /** Shown to the instructor once; stored only hashed. */
  initialPassword: string;
}

/**
 * An instructor resets the password of a student of their own course. Anyone else (a TA, a student,
 * another course's instructor) and any other target (staff of the course, someone outside it) get
 * NOT_FOUND, as for a course or member they cannot see. The account must be no more than a student of
 * courses this instructor teaches: a roster import enrols any existing account by email, so without
 * that an instructor could enrol a site admin, another course's instructor or student, reset their
 * password and sign in as them. Such accounts are reset by a site admin.
 */
export async function resetStudentPassword(db: Db, actor: User, courseSlug: string, studentId: string): Promise<StudentReset> {
  const own = await findMembershipBySlug(db, courseSlug, actor.id);
  if (!own || !can(own, "reset-student-password")) throw new AppError("NOT_FOUND", "No such course.");
  const target = await findMembership(db, own.course.id, studentId);
  if (target?.role !== "student") throw new AppError("NOT_FOUND", "No such student in this course.");
  if (!(await isOnlyStudentOf(db, actor, studentId))) {
    throw new AppError("FORBIDDEN", "This account belongs to more than your courses' students: ask a site admin to reset its password.");
  }
  const initialPassword = await resetPassword(db, studentId);
  const student = await findUserById(db, studentId);
  return { email: student?.email ?? "", name: student?.name ?? "", initialPassword };
}

/** Whether the account is a student in every course it is in, each one taught by `instructor`, and no site admin. */
async function isOnlyStudentOf(db: Db, instructor: User, userId: string): Promise<boolean> {
  const account = await findUserById(db, userId);
  if (!account || account.isAdmin) return false;
  const [theirs, taught] = await Promise.all([listCoursesForUser(db, userId), listCoursesForUser(db, instructor.id)]);
  const teaches = new Set(taught.filter((m) => can(m, "reset-student-password")).map((m) => m.course.id));
  return theirs.every((m) => m.role === "student" && teaches.has(m.course.id));
}
