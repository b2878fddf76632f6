import type { CourseRole } from "../db/schema";

const RANK: Record<CourseRole, number> = { student: 0, ta: 1, instructor: 2 };

/** The part of an LTI role URI after its last "#" or "/" (`…/membership#Instructor` → "Instructor"); short names stay. */
function roleName(role: string): string {
  return role.slice(Math.max(role.lastIndexOf("#"), role.lastIndexOf("/")) + 1);
}

/**
 * The course role LTI roles map to (LIS v2 membership roles, full URIs or the short names): Instructor or
 * Administrator → instructor; TeachingAssistant (a sub-role of Instructor), Mentor or ContentDeveloper →
 * ta; anything else (Learner, no role) → student. The highest wins.
 */
export function courseRoleFromLtiRoles(roles: readonly string[]): CourseRole {
  let best: CourseRole = "student";
  for (const role of roles) {
    const name = roleName(role);
    // "membership/Instructor#TeachingAssistant" names a TA, not an instructor.
    const mapped: CourseRole =
      name === "TeachingAssistant" || name === "Mentor" || name === "ContentDeveloper" ? "ta" : name === "Instructor" || name === "Administrator" ? "instructor" : "student";
    if (RANK[mapped] > RANK[best]) best = mapped;
  }
  return best;
}

/** Whether `role` is higher than `than` (an LMS role only ever raises a Tensorgrade one). */
export function isHigherRole(role: CourseRole, than: CourseRole): boolean {
  return RANK[role] > RANK[than];
}
