"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, type ActionResult } from "@/lib/auth/action";
import { moveAssignmentToVersion } from "@/lib/authoring";
import { getDb } from "@/lib/db";
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

const move = action(z.object({ slug: z.string().min(1).max(100), assignmentId: z.uuid(), version: z.string().min(1).max(128) }), async ({ slug, assignmentId, version }, { user }) => {
  await moveAssignmentToVersion(await getDb(), user, slug, assignmentId, version);
  return { message: `The assignment now uses version ${version.slice(0, 12)}. Submissions graded against the older version keep their scores until you regrade them.` };
});

/** Moves the assignment to a newer published version of its course exercise, then opens the regrade page (the existing offer). */
export async function moveAssignmentToVersionAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await move(form);
  if (!result.ok) return result;
  const slug = String(form.get("slug"));
  revalidatePath(`/courses/${slug}`, "layout");
  redirect(`/courses/${slug}/manage/assignments/${String(form.get("assignmentId"))}/regrade?moved=1`);
}
