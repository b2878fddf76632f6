import type { z } from "zod";

/** Every issue of a zod error, grouped by the dotted path of its field ("_form" for the whole input). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (grouped[key] ??= []).push(issue.message);
  }
  return grouped;
}
