"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { createLmsHandlers } from "./handlers";

type Message = { message: string };

const handlers = createLmsHandlers();

function refreshed<R extends ActionResult<unknown>>(form: FormData, result: R): R {
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage/lms`);
  return result;
}

export async function resendPassbackAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.resend(form));
}

export async function resendFailedPassbacksAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.resendFailed(form));
}
