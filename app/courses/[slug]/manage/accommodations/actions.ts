"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import type { FormState } from "../_forms/form-state";
import { createAccommodationHandlers, type AccommodationsImportResult } from "./handlers";

type Message = { message: string };
/** A refused grant keeps what was typed, so that the form shows it again beside its errors. */
export type GrantFormState = FormState<Message>;

const handlers = createAccommodationHandlers();

function refreshed<R extends ActionResult<unknown>>(form: FormData, result: R): R {
  // The whole course: grants change the student pages, the roster and the assessment pages too.
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}`, "layout");
  return result;
}

export async function grantAccommodationAction(_previous: unknown, form: FormData): Promise<GrantFormState> {
  return refreshed(form, await handlers.grant(form));
}

export async function revokeAccommodationAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.revoke(form));
}

export async function createGroupAction(_previous: unknown, form: FormData): Promise<FormState<Message>> {
  return refreshed(form, await handlers.createGroup(form));
}

export async function renameGroupAction(_previous: unknown, form: FormData): Promise<FormState<Message>> {
  return refreshed(form, await handlers.renameGroup(form));
}

export async function deleteGroupAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.deleteGroup(form));
}

export async function addGroupMemberAction(_previous: unknown, form: FormData): Promise<FormState<Message>> {
  return refreshed(form, await handlers.addMember(form));
}

export async function removeGroupMemberAction(_previous: unknown, form: FormData): Promise<ActionResult<Message>> {
  return refreshed(form, await handlers.removeMember(form));
}

export async function importAccommodationsAction(_previous: unknown, form: FormData): Promise<ActionResult<AccommodationsImportResult>> {
  return refreshed(form, await handlers.importCsv(form));
}
