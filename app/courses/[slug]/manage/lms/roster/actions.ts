"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { createLmsRosterHandlers, type RosterSyncOutcome } from "./handlers";

const handlers = createLmsRosterHandlers();

export async function syncLmsRosterAction(_previous: unknown, form: FormData): Promise<ActionResult<RosterSyncOutcome>> {
  const result = await handlers.syncRoster(form);
  if (result.ok) revalidatePath(`/courses/${String(form.get("slug"))}/manage`, "layout");
  return result;
}
