"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { createRosterHandlers, type RosterImportResult, type StudentPasswordReset } from "./handlers";

type Message = { message: string };
const handlers = createRosterHandlers();

function refreshed<T>(form: FormData, result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage`, "layout");
  return result;
}

export async function importRosterAction(_previous: unknown, form: FormData): Promise<ActionResult<RosterImportResult>> {
  return refreshed(form, await handlers.importRoster(form));
}

export async function changeRoleAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.changeRole(form));
}

export async function removeMemberAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.removeMember(form));
}

export async function resetStudentPasswordAction(_previous: unknown, form: FormData): Promise<ActionResult<StudentPasswordReset>> {
  return handlers.resetStudentPassword(form);
}

export async function rotateJoinCodeAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.rotateJoinCode(form));
}

export async function disableJoinCodeAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.disableJoinCode(form));
}
