import Link from "next/link";
import { requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { formatDeadline } from "@/lib/courses/format-date";
import { getHomeOverview } from "@/lib/courses/home-overview";

export default async function HomePage() {
  const user = await requirePageUser("/");
  const courses = await getHomeOverview(await getDb(), user.id);
  return (
    <>
      <h1>Your courses</h1>
      {courses.length === 0 ? (
        <p className="card empty">You are not enrolled in any course yet. Ask your instructor for an invitation.</p>
      ) : (
        <ul className="course-list">
          {courses.map(({ course, role, counts, dueNext }) => (
            <li key={course.id} className="card">
              <Link href={`/courses/${course.slug}`}>{course.title}</Link>
              <span className="badge">{role}</span>
              {course.description ? <p className="muted">{course.description}</p> : null}
              <p className="small" data-testid="progress">
                <span className="status status-solved">{counts.solved} solved</span> ·{" "}
                <span className="status status-attempted">{counts.attempted} attempted</span> ·{" "}
                <span className="status status-not_started">{counts.notStarted} not started</span>
              </p>
              {dueNext.length > 0 ? (
                <div className="small">
                  <strong>Due next</strong>
                  <ul>
                    {dueNext.map((assignment) => (
                      <li key={assignment.exerciseId}>
                        <Link href={`/courses/${course.slug}/exercises/${assignment.exerciseId}`}>{assignment.title}</Link> —{" "}
                        {formatDeadline(assignment.dueAt!, course.timeZone)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
