import type { Db } from "../db";
import type { Course } from "../db/schema";
import { getClassGrades } from "./course-grades";
import { toCsv } from "./csv";
import { buildGradebook } from "./gradebook";
import { getCourseScope } from "./scope";
import { buildSubmissionExport } from "./submission-export";

/** The course's gradebook as CSV text: each student's row holds the numbers of their own grades page. */
export async function getGradebookCsv(db: Db, course: Course, now = new Date()): Promise<string> {
  return toCsv(buildGradebook(await getClassGrades(db, course, now)));
}

/** Every submit-mode attempt of the course's students as CSV text. */
export async function getSubmissionsCsv(db: Db, course: Course): Promise<string> {
  return toCsv(await buildSubmissionExport(db, await getCourseScope(db, course)));
}
