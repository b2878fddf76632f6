import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listCourseAssignments, policyOf } from "@/lib/courses/assignments";
import { formatDeadline } from "@/lib/courses/format-date";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { latePenaltyRateShort } from "@/lib/scoring/late-policy-text";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Assignments" };

export default async function AssignmentsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assignments`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const rows = await listCourseAssignments(await getDb(), course.id);
  const base = `/courses/${course.slug}/manage`;
  const when = (date: Date | null, none: string) => (date ? formatDeadline(date, course.timeZone) : none);
  return (
    <>
      <div className="section-head">
        <h1>Assignments</h1>
        {can(membership, "edit-assignment") ? (
          <Link className="button" href={`${base}/assignments/new`}>
            Add assignment
          </Link>
        ) : null}
      </div>
      <p className="muted small">Times are shown in the course&apos;s time zone, {describeTimeZone(course.timeZone)}.</p>
      {rows.length === 0 ? (
        <p className="card empty">Nothing is assigned yet. Add an exercise from the catalogue.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table stackable">
            <thead>
              <tr>
                <th scope="col">Exercise</th>
                <th scope="col">Opens</th>
                <th scope="col">Due</th>
                <th scope="col">Attempts</th>
                <th scope="col">Points</th>
                <th scope="col">Late policy</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ assignment, exercise, assessment }) => {
                const policy = policyOf(assessment);
                return (
                  <tr key={assignment.id} data-exercise-id={exercise.id}>
                    <td data-label="Exercise">
                      <Link href={`${base}/assignments/${assignment.id}`}>{exercise.title}</Link>
                      <span className="badge">{exercise.kind}</span>
                      <div className="muted small">{exercise.topic}</div>
                    </td>
                    <td data-label="Opens">{when(policy.opensAt, "Now")}</td>
                    <td data-label="Due">{when(policy.dueAt, "No deadline")}</td>
                    <td data-label="Attempts">{policy.attemptLimit ?? "Unlimited"}</td>
                    <td data-label="Points">{assignment.points}</td>
                    <td data-label="Late policy">
                      {policy.latePolicy === "none"
                        ? "None"
                        : `${latePenaltyRateShort(policy.latePenaltyPerDay)}${policy.lateCutoffAt ? `, until ${formatDeadline(policy.lateCutoffAt, course.timeZone)}` : ""}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
