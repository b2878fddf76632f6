import type { GrantFormOptions } from "@/lib/accommodations";
import { formatDateTime } from "@/lib/courses/format-date";
import type { GrantFormChoices } from "./GrantForm";

/** The grant form's choices, narrowed for the client, each assessment's due date on the course's clock. */
export function grantChoices(options: GrantFormOptions, timeZone: string): GrantFormChoices {
  return {
    students: options.students.map(({ id, name, email }) => ({ id, name, email })),
    groups: options.groups.map(({ id, label }) => ({ id, label })),
    assessments: options.assessments.map(({ id, title, dueAt }) => ({ id, title, due: dueAt ? formatDateTime(dueAt, timeZone) : null })),
  };
}
