import Link from "next/link";
import { requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { listCoursesForUser } from "@/lib/courses/courses";

export default async function HomePage() {
  const user = await requirePageUser("/");
  const memberships = await listCoursesForUser(await getDb(), user.id);
  return (
    <>
      <h1>Your courses</h1>
      {memberships.length === 0 ? (
        <p className="card empty">You are not enrolled in any course yet. Ask your instructor for an invitation.</p>
      ) : (
        <ul className="course-list">
          {memberships.map(({ course, role }) => (
            <li key={course.id} className="card">
              <Link href={`/courses/${course.slug}`}>{course.title}</Link>
              <span className="badge">{role}</span>
              {course.description ? <p className="muted">{course.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
