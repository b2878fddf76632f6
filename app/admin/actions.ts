"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { createAccountAdminHandlers, createAdminHandlers, type AccountPasswordReset, type InstructorCreated } from "./handlers";

const handlers = createAdminHandlers();
const accounts = createAccountAdminHandlers();

export async function createCourseAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await handlers.createCourse(form);
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function grantInstructorAction(_previous: unknown, form: FormData): Promise<ActionResult<InstructorCreated>> {
  const result = await handlers.grantInstructor(form);
  if (result.ok) revalidatePath("/admin");
  return result;
}

function refreshedAccounts<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath("/admin");
  return result;
}

/** Disables the account, or re-enables it when the form says `enable`. */
export async function setAccountDisabledAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const enable = form.get("change") === "enable";
  return refreshedAccounts(await (enable ? accounts.enableAccount(form) : accounts.disableAccount(form)));
}

export async function signOutEverywhereAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  return accounts.signOutEverywhere(form);
}

export async function resetAccountPasswordAction(_previous: unknown, form: FormData): Promise<ActionResult<AccountPasswordReset>> {
  return accounts.resetPassword(form);
}
