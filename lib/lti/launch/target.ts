import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { assessments, assignments, courses, enrolments, ltiContexts, ltiResourceLinks, ltiUserLinks, users } from "../../db/schema";
import { z } from "zod";
import { can } from "../../auth/permissions";
import { EmailSchema } from "../../users/users";
import { customParameter, type IdTokenClaims } from "./id-token-claims";
import { LaunchRefusal } from "./refusal";

export const ASSESSMENT_PARAMETER = "tensorgrade_assessment_id";
export const ASSIGNMENT_PARAMETER = "tensorgrade_assignment_id";

/** What a resource link opens: an assessment, one exercise of one, or (no target) the linked course. */
export interface LaunchTarget {
  courseId: string;
  path: string;
  assessmentId: string | null;
  assignmentId: string | null;
}

const UuidSchema = z.uuid();

async function assessmentTarget(db: DbOrTx, assessmentId: string): Promise<LaunchTarget | null> {
  if (!UuidSchema.safeParse(assessmentId).success) return null;
  const [row] = await db
    .select({ courseId: assessments.courseId, slug: courses.slug })
    .from(assessments)
    .innerJoin(courses, eq(courses.id, assessments.courseId))
    .where(eq(assessments.id, assessmentId));
  return row ? { courseId: row.courseId, path: `/courses/${row.slug}/assessments/${assessmentId}`, assessmentId, assignmentId: null } : null;
}

async function assignmentTarget(db: DbOrTx, assignmentId: string): Promise<LaunchTarget | null> {
  if (!UuidSchema.safeParse(assignmentId).success) return null;
  const [row] = await db
    .select({ courseId: assignments.courseId, exerciseId: assignments.exerciseId, slug: courses.slug })
    .from(assignments)
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .where(eq(assignments.id, assignmentId));
  return row ? { courseId: row.courseId, path: `/courses/${row.slug}/exercises/${encodeURIComponent(row.exerciseId)}`, assessmentId: null, assignmentId } : null;
}

/**
 * What a resource link launch opens, read only: the custom parameter's assessment or exercise, else
 * what the link opened before, else the linked course's page. Refuses a target in another course than
 * the one the LMS course is linked to, an unknown target and a link with nothing to open.
 */
export async function resolveTarget(db: DbOrTx, platformId: string, contextId: string, resourceLinkId: string, claims: IdTokenClaims): Promise<LaunchTarget> {
  const [context] = await db
    .select({ id: ltiContexts.id, courseId: ltiContexts.courseId, slug: courses.slug })
    .from(ltiContexts)
    .leftJoin(courses, eq(courses.id, ltiContexts.courseId))
    .where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, contextId)));
  const assessmentId = customParameter(claims, ASSESSMENT_PARAMETER);
  const assignmentId = customParameter(claims, ASSIGNMENT_PARAMETER);
  let target: LaunchTarget | null = null;
  if (assignmentId) {
    target = await assignmentTarget(db, assignmentId);
    if (!target) throw new LaunchRefusal("unknown_target", `${ASSIGNMENT_PARAMETER}=${assignmentId}`);
  } else if (assessmentId) {
    target = await assessmentTarget(db, assessmentId);
    if (!target) throw new LaunchRefusal("unknown_target", `${ASSESSMENT_PARAMETER}=${assessmentId}`);
  } else if (context) {
    const [link] = await db
      .select({ assessmentId: ltiResourceLinks.assessmentId, assignmentId: ltiResourceLinks.assignmentId })
      .from(ltiResourceLinks)
      .where(and(eq(ltiResourceLinks.contextRowId, context.id), eq(ltiResourceLinks.resourceLinkId, resourceLinkId)));
    if (link?.assignmentId) target = await assignmentTarget(db, link.assignmentId);
    else if (link?.assessmentId) target = await assessmentTarget(db, link.assessmentId);
  }
  if (target && context?.courseId && context.courseId !== target.courseId) throw new LaunchRefusal("course_mismatch");
  if (target && !context?.courseId && !(await mayLinkContext(db, platformId, claims, target.courseId))) throw new LaunchRefusal("unlinked_course");
  if (target) return target;
  if (context?.courseId && context.slug) return { courseId: context.courseId, path: `/courses/${context.slug}`, assessmentId: null, assignmentId: null };
  throw new LaunchRefusal("no_target");
}

/**
 * Whether a resource link launch may link a new LMS course to `courseId`: only when the person launching
 * may link LMS courses to it ("link-lms": its instructors). Otherwise anyone who can edit a link's custom
 * parameters in an LMS course (a Moodle teacher can) could tie their LMS course to any Tensorgrade course
 * and be enrolled in it; a TA may not tie the course to an LMS course either. Another LMS course of the
 * same platform linked to it (a copy, a section) does not suffice, for the same reason. The account is the
 * one the launch signs in to (linked by sub, else the one with the LMS's email); an account with a password
 * is linked, and the LMS course with it, only once its password is given (lib/lti/launch/pending-links.ts).
 */
async function mayLinkContext(db: DbOrTx, platformId: string, claims: IdTokenClaims, courseId: string): Promise<boolean> {
  const [linked] = await db.select({ userId: ltiUserLinks.userId }).from(ltiUserLinks).where(and(eq(ltiUserLinks.platformId, platformId), eq(ltiUserLinks.sub, claims.sub)));
  const email = EmailSchema.safeParse(claims.email ?? "");
  const [byEmail] = linked || !email.success ? [] : await db.select({ userId: users.id }).from(users).where(eq(users.email, email.data));
  const userId = linked?.userId ?? byEmail?.userId;
  return userId !== undefined && (await mayLinkLms(db, userId, courseId));
}

/** Whether the user may link LMS courses to the course ("link-lms"). */
export async function mayLinkLms(db: DbOrTx, userId: string, courseId: string): Promise<boolean> {
  const [membership] = await db.select({ role: enrolments.role }).from(enrolments).where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));
  return can(membership, "link-lms");
}
