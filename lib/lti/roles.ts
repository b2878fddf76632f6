import type { CourseRole } from "../db/schema";

const RANK: Record<CourseRole, number> = { student: 0, ta: 1, instructor: 2 };

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

/** A context (course) role: its principal name and sub-role, if any. */
interface ContextRole {
  principal: string;
  sub: string | null;
}

/**
 * The course role an LTI role names, or null for any other: `…/membership#Instructor`,
 * `…/membership/Instructor#TeachingAssistant` (a sub-role) and the bare short names ("Instructor"), which
 * LTI 1.3 reads as context roles. Institution and system roles (`…/institution/person#Instructor`) say what
 * someone is somewhere in the institution, not in this course: Canvas sends "Instructor" there for anyone
 * who teaches any course, so they never count.
 */
function contextRole(role: string): ContextRole | null {
  if (role.startsWith(`${MEMBERSHIP}#`)) return { principal: role.slice(MEMBERSHIP.length + 1), sub: null };
  if (role.startsWith(`${MEMBERSHIP}/`)) {
    const [principal, sub] = role.slice(MEMBERSHIP.length + 1).split("#");
    return principal ? { principal, sub: sub ?? null } : null;
  }
  return /^[A-Za-z]+$/.test(role) ? { principal: role, sub: null } : null;
}

const isTeachingAssistant = (role: ContextRole) =>
  role.principal === "TeachingAssistant" || (role.principal === "Instructor" && role.sub !== null && (role.sub.startsWith("TeachingAssistant") || role.sub === "Grader"));

function mapped(role: ContextRole, assisting: boolean): CourseRole {
  if (isTeachingAssistant(role) || role.principal === "ContentDeveloper") return "ta";
  // A sub-role comes with its principal role (spec): a TA is sent "Instructor" too, and stays a TA.
  if (role.principal === "Instructor") return assisting ? "ta" : "instructor";
  if (role.principal === "Administrator") return "instructor";
  // Learner, Mentor (Canvas's observers: parents, advisers), Member, Manager, Officer: no staff rights here.
  return "student";
}

/**
 * The course role LTI roles map to. Only context (course membership) roles count: Instructor or
 * Administrator → instructor; TeachingAssistant (Instructor's sub-role, or the short name; its principal
 * Instructor then does not make an instructor) or ContentDeveloper → ta; Learner, Mentor and the rest →
 * student. The highest wins.
 */
export function courseRoleFromLtiRoles(roles: readonly string[]): CourseRole {
  const context = roles.map(contextRole).filter((role): role is ContextRole => role !== null);
  const assisting = context.some(isTeachingAssistant);
  let best: CourseRole = "student";
  for (const role of context) {
    const course = mapped(role, assisting);
    if (RANK[course] > RANK[best]) best = course;
  }
  return best;
}

/** Whether `role` is higher than `than` (an LMS role only ever raises a Tensorgrade one). */
export function isHigherRole(role: CourseRole, than: CourseRole): boolean {
  return RANK[role] > RANK[than];
}
