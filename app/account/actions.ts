"use server";

import type { ActionResult } from "@/lib/auth/action";
import { createAccountHandlers } from "./handlers";

const handlers = createAccountHandlers();

export async function changePasswordAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  return handlers.changePassword(form);
}
