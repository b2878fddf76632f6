"use server";

import type { FormState } from "@/app/courses/[slug]/manage/_forms/form-state";
import { createDeepLinkHandlers, type DeepLinkAnswerState } from "./handlers";

const handlers = createDeepLinkHandlers();

/** Places the chosen assessments and exercises in the LMS: answers the request with a signed response to post on. */
export async function addToLmsAction(_previous: unknown, form: FormData): Promise<FormState<DeepLinkAnswerState>> {
  return handlers.add(form);
}

/** Answers the request with nothing chosen (an empty content_items list), so the LMS closes its dialog. */
export async function cancelDeepLinkAction(_previous: unknown, form: FormData): Promise<FormState<DeepLinkAnswerState>> {
  return handlers.cancel(form);
}
