import type { Db } from "../db";
import type { Course } from "../db/schema";
import { getClassMatrix } from "./class-matrix";
import { toCsv } from "./csv";
import { buildGradebook } from "./gradebook";
import { getCourseScope } from "./scope";
import { buildSubmissionExport } from "./submission-export";

/** The course's gradebook as CSV text. */
export async function getGradebookCsv(db: Db, course: Course): Promise<string> {
  const scope = await getCourseScope(db, course);
  return toCsv(buildGradebook(scope, await getClassMatrix(db, scope)));
}

/** Every submit-mode attempt of the course's students as CSV text. */
export async function getSubmissionsCsv(db: Db, course: Course): Promise<string> {
  return toCsv(await buildSubmissionExport(db, await getCourseScope(db, course)));
}
