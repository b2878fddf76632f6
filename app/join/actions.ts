"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { createJoinHandlers } from "./handlers";

const handlers = createJoinHandlers();

export async function joinCourseAction(_previous: unknown, form: FormData): Promise<ActionResult<{ message: string }>> {
  const result = await handlers.join(form);
  if (!result.ok) return result;
  revalidatePath("/");
  redirect(`/courses/${result.data.slug}`);
}
