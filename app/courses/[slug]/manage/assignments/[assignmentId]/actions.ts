"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { createAssignmentHandlers } from "./handlers";

export type AssignmentFormState = ActionResult<{ message: string }> & { values?: Record<string, string> };

const handlers = createAssignmentHandlers();

export async function updateAssignmentAction(_previous: unknown, form: FormData): Promise<AssignmentFormState> {
  const result = await handlers.updateAssignment(form);
  if (result.ok) {
    revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");
    return result;
  }
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  return { ...result, values };
}

export async function removeAssignmentAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await handlers.removeAssignment(form);
  if (!result.ok) return result;
  revalidatePath(`/courses/${result.data.slug}`, "layout");
  redirect(`/courses/${result.data.slug}/manage/assignments`);
}
