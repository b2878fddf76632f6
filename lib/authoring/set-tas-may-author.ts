import { eq } from "drizzle-orm";
import { can } from "../auth/permissions";
import type { Db } from "../db";
import { courses, type User } from "../db/schema";
import { findMembershipBySlug } from "../courses/courses";
import { AppError } from "../errors";

/** Lets the course's TAs author exercises, or stops them; instructors only. */
export async function setTasMayAuthor(db: Db, user: User, courseSlug: string, allowed: boolean): Promise<void> {
  const membership = await findMembershipBySlug(db, courseSlug, user.id);
  if (!membership || !can(membership, "manage-authoring")) throw new AppError("NOT_FOUND", "No such course.");
  await db.update(courses).set({ tasMayAuthor: allowed }).where(eq(courses.id, membership.course.id));
}
