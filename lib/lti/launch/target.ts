import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/transaction";
import { assessments, assignments, courses, ltiContexts, ltiResourceLinks } from "../../db/schema";
import { z } from "zod";
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
  if (target) return target;
  if (context?.courseId && context.slug) return { courseId: context.courseId, path: `/courses/${context.slug}`, assessmentId: null, assignmentId: null };
  throw new LaunchRefusal("no_target");
}
