"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import type { FormState } from "../_forms/form-state";
import { createGradingHandlers } from "./handlers";

type Message = { message: string };
const handlers = createGradingHandlers();

/** A change of categories changes every grade page of the course (grades are computed on read). */
function refreshed<R extends ActionResult<unknown>>(form: FormData, result: R): R {
  if (result.ok) {
    const slug = String(form.get("slug"));
    revalidatePath(`/courses/${slug}/manage`, "layout");
    revalidatePath(`/courses/${slug}/grades`);
  }
  return result;
}

export async function createCategoryAction(_previous: unknown, form: FormData): Promise<FormState<Message>> {
  return refreshed(form, await handlers.createCategory(form));
}

export async function updateCategoryAction(_previous: unknown, form: FormData): Promise<FormState<Message>> {
  return refreshed(form, await handlers.updateCategory(form));
}

export async function deleteCategoryAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.deleteCategory(form));
}

export async function moveCategoryAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.moveCategory(form));
}

export async function setAssessmentCategoryAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.setAssessmentCategory(form));
}
