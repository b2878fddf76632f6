"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/auth/action";
import { createAdminHandlers, type InstructorCreated } from "./handlers";

const handlers = createAdminHandlers();

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
