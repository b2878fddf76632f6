import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { courses, enrolments, type Course } from "../db/schema";

export interface CourseSummary {
  course: Course;
  instructors: number;
  students: number;
}

/** Every course with how many instructors and students it has, by title. */
export async function listCourseSummaries(db: Db): Promise<CourseSummary[]> {
  const rows = await db
    .select({
      course: courses,
      instructors: sql<number>`count(*) filter (where ${enrolments.role} = 'instructor')::int`,
      students: sql<number>`count(*) filter (where ${enrolments.role} = 'student')::int`,
    })
    .from(courses)
    .leftJoin(enrolments, eq(enrolments.courseId, courses.id))
    .groupBy(courses.id)
    .orderBy(asc(courses.title));
  return rows.map((row) => ({ course: row.course, instructors: Number(row.instructors), students: Number(row.students) }));
}
