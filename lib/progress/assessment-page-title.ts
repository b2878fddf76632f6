import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db";
import { assessments } from "../db/schema";
import { findMembershipBySlug } from "../courses/courses";

/** The assessment page's title, "<assessment> · <course>", or null when the assessment is not the user's to see. */
export async function findAssessmentPageTitle(db: Db, userId: string, courseSlug: string, assessmentId: string): Promise<string | null> {
  if (!z.uuid().safeParse(assessmentId).success) return null;
  const membership = await findMembershipBySlug(db, courseSlug, userId);
  if (!membership) return null;
  const [row] = await db
    .select({ title: assessments.title })
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.courseId, membership.course.id)))
    .limit(1);
  return row ? `${row.title} · ${membership.course.title}` : null;
}
