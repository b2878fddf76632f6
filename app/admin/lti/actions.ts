"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { keepingTyped, type FormState } from "@/app/courses/[slug]/manage/_forms/form-state";
import { createLtiAdminHandlers, type RegistrationUrlCreated } from "./handlers";
import { requestOrigin } from "@/app/lti/request-origin";

const handlers = createLtiAdminHandlers(requestOrigin);

function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath("/admin/lti");
  return result;
}

export async function saveRegistrationAction(_previous: unknown, form: FormData): Promise<FormState<{ message: string }>> {
  const result = await keepingTyped(handlers.saveRegistration)(form);
  if (result.ok) revalidatePath("/admin/lti");
  return result;
}

export async function deleteRegistrationAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  return refreshed(await handlers.deleteRegistration(form));
}

export async function addDeploymentAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  return refreshed(await handlers.addDeployment(form));
}

export async function createRegistrationUrlAction(_previous: unknown, form: FormData): Promise<ActionResult<RegistrationUrlCreated>> {
  return handlers.createRegistrationUrl(form);
}

export async function rotateKeyAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  return refreshed(await handlers.rotateKey(form));
}
