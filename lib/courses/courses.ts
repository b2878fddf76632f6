import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { courses, enrolments, type Course, type CourseRole } from "../db/schema";
import { AppError } from "../errors";
import { isValidTimeZone } from "./zoned-time";

export const NewCourseSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens")
    .max(80),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(""),
  timeZone: z.string().trim().default("UTC").refine(isValidTimeZone, "must be an IANA time zone such as Europe/Berlin"),
});
export type NewCourseInput = z.input<typeof NewCourseSchema>;

/** Creates a course; throws CONFLICT when the slug is taken. */
export async function createCourse(db: Db, input: NewCourseInput): Promise<Course> {
  const data = NewCourseSchema.parse(input);
  const [course] = await db.insert(courses).values(data).onConflictDoNothing({ target: courses.slug }).returning();
  if (!course) throw new AppError("CONFLICT", `A course with the address "${data.slug}" exists already.`);
  return course;
}


/** Gives a user a role in a course (changing the role they already have). */
export async function enrolUser(db: Db, courseId: string, userId: string, role: CourseRole): Promise<void> {
  await db
    .insert(enrolments)
    .values({ courseId, userId, role })
    .onConflictDoUpdate({ target: [enrolments.courseId, enrolments.userId], set: { role } });
}

/** Enrols a user with `role` unless they already belong to the course (whatever their role); true when enrolled. */
export async function enrolIfAbsent(db: Db, courseId: string, userId: string, role: CourseRole): Promise<boolean> {
  const inserted = await db.insert(enrolments).values({ courseId, userId, role }).onConflictDoNothing().returning({ userId: enrolments.userId });
  return inserted.length > 0;
}

export interface CourseMembership {
  course: Course;
  role: CourseRole;
}

/** The courses a user belongs to, with their role in each, by title. */
export async function listCoursesForUser(db: Db, userId: string): Promise<CourseMembership[]> {
  const rows = await db
    .select({ course: courses, role: enrolments.role })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(courses.title));
  return rows;
}

/** The course and the user's role in it, or null when either does not exist or the user is not a member. */
export async function findMembership(db: Db, courseId: string, userId: string): Promise<CourseMembership | null> {
  if (!z.uuid().safeParse(courseId).success) return null;
  const [row] = await db
    .select({ course: courses, role: enrolments.role })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** As findMembership, for the course with this slug (the form course addresses take). */
export async function findMembershipBySlug(db: Db, slug: string, userId: string): Promise<CourseMembership | null> {
  const [row] = await db
    .select({ course: courses, role: enrolments.role })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(courses.slug, slug), eq(enrolments.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The course with this slug, or null. */
export async function findCourseBySlug(db: Db, slug: string): Promise<Course | null> {
  const [course] = await db.select().from(courses).where(eq(courses.slug, slug)).limit(1);
  return course ?? null;
}
