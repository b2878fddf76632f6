"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { createAssessmentHandlers } from "./handlers";

const handlers = createAssessmentHandlers();

/** Puts the course's assessments in the order given (`ids`, every one of them once). */
export async function reorderAssessmentsAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await handlers.reorderAssessments(form);
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");
  return result;
}
