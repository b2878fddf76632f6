"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, type ActionResult } from "@/lib/auth/action";
import { getDb } from "@/lib/db";
import { requestRegrade } from "@/lib/submissions/regrade";

const StartRegradeSchema = z.object({ slug: z.string().min(1), assignmentId: z.uuid() });

const start = action(StartRegradeSchema, async (input, { user }) => {
  const { total } = await requestRegrade(await getDb(), user, { courseSlug: input.slug, assignmentId: input.assignmentId });
  return { message: total === 0 ? "There are no graded submissions to regrade." : `Regrading ${total} ${total === 1 ? "submission" : "submissions"}…` };
});

/** Starts a regrade of every graded submission of the assignment (instructors of its course only). */
export async function startRegradeAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await start(form);
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage/assignments/${String(form.get("assignmentId"))}/regrade`);
  return result;
}
