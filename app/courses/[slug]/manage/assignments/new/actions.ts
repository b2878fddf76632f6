"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { createNewAssignmentHandlers } from "./handlers";

const handlers = createNewAssignmentHandlers();

export async function assignExerciseAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await handlers.assignExercise(form);
  if (!result.ok) return result;
  revalidatePath(`/courses/${result.data.slug}`, "layout");
  redirect(`/courses/${result.data.slug}/manage/assignments/${result.data.assignmentId}`);
}
