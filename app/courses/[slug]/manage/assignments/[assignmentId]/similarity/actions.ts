"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, type ActionResult } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { MIN_SUBMISSIONS, requestSimilarityReport } from "@/lib/similarity/reports";
import { plural } from "@/lib/format/plural";

const AnalyseSchema = z.object({ slug: z.string().min(1), assignmentId: z.uuid() });

const analyse = action(AnalyseSchema, async (input, { user }) => {
  const started = await requestSimilarityReport(await getDb(), user, { courseSlug: input.slug, assignmentId: input.assignmentId });
  const message = {
    "too-few": `A similarity report needs at least ${MIN_SUBMISSIONS} students' submissions; this assignment has ${started.submissions}.`,
    reused: `These ${plural(started.submissions, "submission")} were analysed already: showing that report.`,
    queued: `Analysing ${plural(started.submissions, "latest submission")}…`,
  }[started.kind];
  return { message };
});

/** Queues a similarity report of the assignment's latest submissions, or reuses the one of the same set (staff only). */
export async function analyseSimilarityAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await analyse(form);
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage/assignments/${String(form.get("assignmentId"))}/similarity`);
  return result;
}
