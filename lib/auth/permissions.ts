import type { CourseRole } from "../db/schema";

/**
 * Who may do what: the one place that says which course role (and, for the admin area, site admin) each
 * action takes. Guards, pages and lib functions ask `can(membership, action)` instead of spelling out
 * role lists, so that a change of who may do something is one line here. tests/unit/auth/permissions.test.ts
 * pins every role against every action.
 */

/** Actions decided by the role in a course, and the roles that may take each. */
const COURSE_ACTIONS = {
  /** Open the course and its exercises. */
  "view-course": ["student", "ta", "instructor"],
  /** Run and Submit on an assigned exercise, and keep a draft of it. */
  submit: ["student", "ta", "instructor"],
  /**
   * Work under the assignment's rules: its dates and attempt limit bind, and the first open is recorded.
   * Staff try the course's exercises freely.
   */
  "submit-as-student": ["student"],
  /** The instructor area, read only: dashboard, roster, assignments, one student's report, regrade progress. */
  "view-dashboard": ["ta", "instructor"],
  /** Read a classmate's submission (the owner always reads their own). */
  "view-student-submissions": ["ta", "instructor"],
  /** Download the gradebook and the submissions as CSV. */
  "export-grades": ["ta", "instructor"],
  /** Open an exercise as a student would and run it, reference solution included, without an assignment. */
  "preview-exercise": ["ta", "instructor"],
  /** Change the roster: import, change a role, remove a member, the join code. */
  "manage-roster": ["instructor"],
  /** Build assessments: their exercises, points, order, dates and policy; remove them. */
  "edit-assignment": ["instructor"],
  /** Grade an assignment's submissions again. */
  regrade: ["instructor"],
  /** Give a student of the course a new one-time password. */
  "reset-student-password": ["instructor"],
  /**
   * Write the course's own exercises: create, copy, edit, check, publish, import, export, move an
   * assignment to another version. TAs too when the course allows it (COURSE_GRANTS).
   */
  "author-exercises": ["instructor"],
  /** Let the course's TAs author exercises, or stop them. */
  "manage-authoring": ["instructor"],
  /** Grade categories: their weights and how many lowest assessments each drops. */
  "edit-grading": ["instructor"],
  /** Grant, change and revoke accommodations and accommodation groups (staff read them with view-dashboard). */
  "grant-accommodations": ["instructor"],
  /** Set a score by hand (a Submit's or a student's assessment total), remove it, comment on it. */
  "override-scores": ["ta", "instructor"],
  /** Answer students' regrade requests (with a comment and, if staff choose, a new score). */
  "resolve-regrade-requests": ["ta", "instructor"],
  /** Ask staff to review the grading of one's own graded Submit. */
  "request-regrade": ["student"],
  /** Place assessments and exercises in an LMS course (LTI deep linking) and sync its roster from the LMS. */
  "link-lms": ["instructor"],
  /** Read the grade passback to the LMS and send a student's score again. */
  "resend-grade-passback": ["ta", "instructor"],
  /** Run and read the similarity reports of a course's code exercises (copied code across the class). */
  "check-similarity": ["ta", "instructor"],
} as const satisfies Record<string, readonly CourseRole[]>;

/** Roles a course may add to an action by its own setting (the course row's flag names it). */
const COURSE_GRANTS: Partial<Record<CourseAction, { role: CourseRole; granted: (course: CourseSettings) => boolean }>> = {
  "author-exercises": { role: "ta", granted: (course) => course.tasMayAuthor === true },
};

/** The course settings that grant actions (a Course row fits). */
export interface CourseSettings {
  readonly tasMayAuthor?: boolean;
}

/** Actions that only a site admin takes, whatever their courses. */
const SITE_ACTIONS = ["administer-site"] as const;

export type CourseAction = keyof typeof COURSE_ACTIONS;
export type SiteAction = (typeof SITE_ACTIONS)[number];
export type Action = CourseAction | SiteAction;

/** Every action, for tests that go through all of them. */
export const ACTIONS: readonly Action[] = [...(Object.keys(COURSE_ACTIONS) as CourseAction[]), ...SITE_ACTIONS];

/**
 * Who asks: their role in the course (none when not a member) and, for site actions, whether they are a
 * site admin. A CourseMembership and a User both fit. Being a site admin grants no course action.
 */
export interface Membership {
  readonly role?: CourseRole | null;
  readonly isAdmin?: boolean;
  /** The course's settings (a CourseMembership carries its course): some grant a role more (COURSE_GRANTS). */
  readonly course?: CourseSettings;
}

function isSiteAction(action: Action): action is SiteAction {
  return (SITE_ACTIONS as readonly string[]).includes(action);
}

/** Whether `membership` may take `action`; no membership may take none. */
export function can(membership: Membership | null | undefined, action: Action): boolean {
  if (!membership) return false;
  if (isSiteAction(action)) return membership.isAdmin === true;
  const roles: readonly CourseRole[] = COURSE_ACTIONS[action];
  if (membership.role == null) return false;
  if (roles.includes(membership.role)) return true;
  const grant = COURSE_GRANTS[action];
  return grant !== undefined && grant.role === membership.role && membership.course !== undefined && grant.granted(membership.course);
}
