import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { getCourseOverview } from "@/lib/progress/course-overview";
import { StaffAssignmentRow } from "./StaffAssignmentRow";
import { StudentAssignmentRow } from "./StudentAssignmentRow";
import { roleLabel } from "@/lib/courses/role-label";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Course" };

const STUDENT_COLUMNS = ["Exercise", "Status", "Best score", "Attempts", "Due"];
const STAFF_COLUMNS = ["Exercise", "State", "Opens", "Due", "Attempts"];

export default async function CoursePage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-course");
  const { course, role } = membership;
  const now = new Date();
  const topics = await getCourseOverview(await getDb(), course, user.id, now);
  const staff = can(membership, "view-dashboard");
  const Row = staff ? StaffAssignmentRow : StudentAssignmentRow;
  const columns = staff ? STAFF_COLUMNS : STUDENT_COLUMNS;
  return (
    <>
      <h1>{course.title}</h1>
      <p className="muted">
        You are {role === "instructor" ? "an" : "a"} {roleLabel(role)} in this course.
        {staff ? (
          <>
            {" "}
            <Link href={`/courses/${course.slug}/manage`}>Manage course</Link> ·{" "}
            <Link href={`/courses/${course.slug}/manage/dashboard`}>Class dashboard</Link>
          </>
        ) : null}
      </p>
      {course.description ? <p>{course.description}</p> : null}
      {topics.length === 0 ? (
        <section className="card empty" aria-label="Exercises">
          <p>No exercises have been assigned in this course yet.</p>
          <p className="hint">Assigned exercises will appear here, grouped by topic, with their due dates.</p>
        </section>
      ) : (
        topics.map(({ topic, assignments }) => {
          const headingId = `topic-${topic.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
          return (
            <section key={topic} className="topic" aria-labelledby={headingId}>
              <h2 id={headingId}>{topic}</h2>
              <table className="assignments stacked">
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {assignments.map((assignment) => (
                    <Row key={assignment.exerciseId} slug={course.slug} timeZone={course.timeZone} assignment={assignment} now={now} />
                  ))}
                </tbody>
              </table>
            </section>
          );
        })
      )}
    </>
  );
}
