import { formatDateTime } from "../courses/format-date";
import type { AssessmentRef } from "./subjects";

/**
 * Why an extended due date cannot be granted on this assessment, or null when it can: it must be
 * later than the assessment's own due date, which it must have.
 */
export function dueDateProblem(dueAt: Date | null, assessment: AssessmentRef | null, timeZone: string): string | null {
  if (dueAt === null) return null;
  if (assessment === null) return "needs an assessment: a due date is extended on one assessment";
  if (assessment.dueAt === null) return `${assessment.title} has no due date to extend`;
  if (dueAt <= assessment.dueAt) return `must be after the due date of ${assessment.title} (${formatDateTime(assessment.dueAt, timeZone)})`;
  return null;
}
