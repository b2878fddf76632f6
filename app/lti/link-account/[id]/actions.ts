"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { createLinkAccountHandlers } from "./handlers";

const handlers = createLinkAccountHandlers();

/** Links the launching LMS identity to the existing account whose password is given, signs in and goes on with the launch. Public. */
export async function linkAccountAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await handlers.link(form);
  if (!result.ok) return result;
  redirect(result.data.redirectPath);
}
