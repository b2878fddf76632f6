"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "../../_forms/form-state";
import { createOverrideHandlers } from "./handlers";

type Message = { message: string };
export type OverrideFormState = FormState<Message>;

const handlers = createOverrideHandlers();

function refreshed(form: FormData, result: OverrideFormState): OverrideFormState {
  // The whole course: a score shows on the student page, the gradebook and the student's own pages.
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");
  return result;
}

export async function adjustSubmissionScoreAction(_previous: unknown, form: FormData): Promise<OverrideFormState> {
  return refreshed(form, await handlers.adjustSubmission(form));
}

export async function setAssessmentScoreAction(_previous: unknown, form: FormData): Promise<OverrideFormState> {
  return refreshed(form, await handlers.setAssessment(form));
}
