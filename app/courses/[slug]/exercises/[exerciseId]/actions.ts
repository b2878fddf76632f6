"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/app/courses/[slug]/manage/_forms/form-state";
import { createExerciseHandlers } from "./handlers";

const handlers = createExerciseHandlers();

/** "Ask for a review" on a graded Submit: a refusal keeps the message typed. */
export async function requestRegradeAction(_previous: unknown, form: FormData): Promise<FormState<{ message: string }>> {
  const result = await handlers.requestRegrade(form);
  // The course's pages: the exercise page shows the request, the instructor area counts it.
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");
  return result;
}
