"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { createAssessmentHandlers } from "../handlers";
import { formValues, type AssessmentFormState } from "../form-state";

type Result = ActionResult<{ message: string }>;

const handlers = createAssessmentHandlers();
const revalidate = (form: FormData) => revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");

/** Saves the changed fields of the assessment form: title, category, dates and rules, each exercise's points. */
export async function updateAssessmentAction(_previous: unknown, form: FormData): Promise<AssessmentFormState> {
  const result = await handlers.updateAssessment(form);
  if (!result.ok) return { ...result, values: formValues(form) };
  revalidate(form);
  return result;
}

/** Deletes the assessment with its exercises' submissions, then returns to the list. */
export async function deleteAssessmentAction(_previous: unknown, form: FormData): Promise<Result> {
  const result = await handlers.deleteAssessment(form);
  if (!result.ok) return result;
  revalidatePath(`/courses/${result.data.slug}`, "layout");
  redirect(`/courses/${result.data.slug}/manage/assessments`);
}

/** Adds an exercise at the end of the assessment. */
export async function addExerciseAction(_previous: unknown, form: FormData): Promise<Result> {
  const result = await handlers.addExercise(form);
  if (result.ok) revalidate(form);
  return result;
}

/** Puts the assessment's exercises in the order given (`ids`: their assignment ids). */
export async function reorderItemsAction(_previous: unknown, form: FormData): Promise<Result> {
  const result = await handlers.reorderItems(form);
  if (result.ok) revalidate(form);
  return result;
}

/** Removes an exercise from the assessment (with its submissions, once confirmed). */
export async function removeItemAction(_previous: unknown, form: FormData): Promise<Result> {
  const result = await handlers.removeItem(form);
  if (result.ok) revalidate(form);
  return result;
}

/** Releases the scores and feedback of a "When I release them" assessment, or holds them back again. */
export async function setReleaseAction(_previous: unknown, form: FormData): Promise<Result> {
  const result = await handlers.setRelease(form);
  if (result.ok) revalidate(form);
  return result;
}
