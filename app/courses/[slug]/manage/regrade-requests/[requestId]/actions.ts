"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "../../_forms/form-state";
import { createRegradeRequestHandlers } from "./handlers";

const handlers = createRegradeRequestHandlers();

/** Resolves a regrade request (a response, and an optional new score): a refusal keeps what was typed. */
export async function resolveRegradeRequestAction(_previous: unknown, form: FormData): Promise<FormState<{ message: string }>> {
  const result = await handlers.resolve(form);
  // The whole course: the queue and its count, the gradebook and the student's pages change.
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");
  return result;
}
