"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, type ActionResult } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { plural } from "@/lib/format/plural";
import { requestAssessmentSimilarity } from "@/lib/similarity/assessment-similarity";

const AnalyseAllSchema = z.object({ slug: z.string().min(1), assessmentId: z.uuid() });

const analyseAll = action(AnalyseAllSchema, async (input, { user }) => {
  const counts = await requestAssessmentSimilarity(await getDb(), user, { courseSlug: input.slug, assessmentId: input.assessmentId });
  const parts = [`${plural(counts.queued, "report")} queued`];
  if (counts.reused > 0) parts.push(`${counts.reused} already up to date`);
  if (counts.tooFew > 0) parts.push(`${plural(counts.tooFew, "exercise")} with fewer than 2 submissions skipped`);
  return { message: `${parts.join(", ")}.` };
});

/** Queues a similarity report of every code exercise of the assessment whose latest submissions have none (staff only). */
export async function analyseAssessmentSimilarityAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await analyseAll(form);
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage/assessments/${String(form.get("assessmentId"))}/similarity`);
  return result;
}
