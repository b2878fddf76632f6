import Link from "next/link";
import type { CourseAssignmentView } from "@/lib/progress/course-overview";
import { formatDateTime, formatDateTimeFromNow } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";

const WINDOW_LABEL = { upcoming: "Open", none: "Open", late: "Taking late work", closed: "Closed" } as const;

/** One assignment as its instructors and TAs see it: its dates and rules, no personal progress. */
export function StaffAssignmentRow({ slug, timeZone, assignment, now }: { slug: string; timeZone: string; assignment: CourseAssignmentView; now: Date }) {
  const notOpenYet = assignment.opensAt !== null && now < assignment.opensAt;
  return (
    <tr data-exercise-id={assignment.exerciseId}>
      <td data-label="Exercise">
        <Link href={`/courses/${slug}/exercises/${assignment.exerciseId}`}>{assignment.title}</Link>
        <span className="muted small"> {assignment.points} pts</span>
      </td>
      <td data-label="State">{notOpenYet ? "Not open yet" : WINDOW_LABEL[assignment.deadline]}</td>
      <td data-label="Opens">{assignment.opensAt ? formatDateTime(assignment.opensAt, timeZone) : "Always open"}</td>
      <td data-label="Due">{assignment.dueAt ? formatDateTimeFromNow(assignment.dueAt, timeZone, now) : "No deadline"}</td>
      <td data-label="Attempts">{assignment.attemptLimit === null ? "Unlimited" : plural(assignment.attemptLimit, "attempt")}</td>
    </tr>
  );
}
