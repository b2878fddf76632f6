"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAssessmentHandlers } from "../handlers";
import { formValues, type AssessmentFormState } from "../form-state";

const handlers = createAssessmentHandlers();

/** Creates an assessment (no exercises yet) and opens it in the builder. */
export async function createAssessmentAction(_previous: unknown, form: FormData): Promise<AssessmentFormState> {
  const result = await handlers.createAssessment(form);
  if (!result.ok) return { ...result, values: formValues(form) };
  revalidatePath(`/courses/${result.data.slug}`, "layout");
  redirect(`/courses/${result.data.slug}/manage/assessments/${result.data.assessmentId}`);
}
