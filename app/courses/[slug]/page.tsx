import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseRole, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { getCourseOverview, type CourseAssignmentView } from "@/lib/courses/course-overview";
import { formatDeadline } from "@/lib/courses/format-date";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Course" };

const STATUS_LABEL = { not_started: "Not started", attempted: "Attempted", solved: "Solved" } as const;
const KIND_LABEL = { code: "Code", quiz: "Quiz", model: "Model" } as const;

export default async function CoursePage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}`);
  const { course, role } = await requirePageCourseRole(user, slug);
  const topics = await getCourseOverview(await getDb(), course, user.id);
  return (
    <>
      <h1>{course.title}</h1>
      <p className="muted">
        You are {role === "instructor" ? "an" : "a"} {role} in this course.
        {role === "instructor" || role === "ta" ? (
          <>
            {" "}
            <Link href={`/courses/${course.slug}/manage`}>Manage course</Link>
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
        topics.map(({ topic, assignments }, index) => (
          // A topic's name may hold spaces, which an id must not: aria-labelledby would split it into several ids.
          <section key={topic} className="topic" aria-labelledby={`topic-${index}`}>
            <h2 id={`topic-${index}`}>{topic}</h2>
            <table className="assignments">
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col">Status</th>
                  <th scope="col">Best score</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((assignment) => (
                  <AssignmentRow key={assignment.exerciseId} slug={course.slug} timeZone={course.timeZone} assignment={assignment} />
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </>
  );
}

function AssignmentRow({ slug, timeZone, assignment }: { slug: string; timeZone: string; assignment: CourseAssignmentView }) {
  const { progress, window } = assignment;
  const closedNote = !window.open ? (window.reason === "not_open_yet" ? "Not open yet" : window.reason === "closed" ? "Closed" : "No attempts left") : null;
  return (
    <tr>
      <td>
        <Link href={`/courses/${slug}/exercises/${assignment.exerciseId}`}>{assignment.title}</Link>
        <span className="badge">{KIND_LABEL[assignment.kind]}</span>
        <span className="muted small"> {assignment.difficulty}</span>
      </td>
      <td>
        <span className={`status status-${progress.status}`}>{STATUS_LABEL[progress.status]}</span>
        {closedNote ? <span className="muted small"> · {closedNote}</span> : null}
      </td>
      <td>{progress.score === null ? "–" : `${Math.round(progress.score * 100)} %`}</td>
      <td>
        {progress.attemptsUsed}
        {assignment.attemptLimit ? ` / ${assignment.attemptLimit}` : ""}
      </td>
      <td>{assignment.dueAt ? formatDeadline(assignment.dueAt, timeZone) : "No deadline"}</td>
    </tr>
  );
}
