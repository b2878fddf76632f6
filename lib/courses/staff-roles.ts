import type { CourseRole } from "../db/schema";

/** Who may open a course's instructor area (TAs read it). */
export const STAFF_ROLES: readonly CourseRole[] = ["instructor", "ta"];
/** Who may change a course: its roster, join code and assignments. */
export const INSTRUCTOR_ONLY: readonly CourseRole[] = ["instructor"];
