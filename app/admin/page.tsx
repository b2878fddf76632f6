import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listCourseSummaries } from "@/lib/admin/course-summaries";
import { ActionForm } from "@/app/courses/[slug]/manage/_forms/ActionForm";
import { createCourseAction } from "./actions";
import { InstructorForm } from "./InstructorForm";
import { UserList } from "./UserList";
import { listUsers, UserListQuerySchema } from "@/lib/admin/users";
import "@/app/manage.css";

export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  const user = await requirePageUser("/admin");
  if (!can(user, "administer-site")) notFound();
  const params = await searchParams;
  const db = await getDb();
  const courses = await listCourseSummaries(db);
  const users = await listUsers(db, { q: params.q, role: params.role, page: params.page });
  const query = UserListQuerySchema.parse({ q: params.q, role: params.role, page: params.page });
  const zones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="admin">
      <h1>Admin</h1>
      <p>
        <Link href="/admin/lti">LMS integration (LTI 1.3)</Link>: registrations, registration URLs, the tool&apos;s URLs and signing keys.
      </p>
      <section className="card" aria-labelledby="courses-title">
        <h2 id="courses-title">Courses ({courses.length})</h2>
        <div className="table-wrap">
          <table className="data-table stackable">
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Address</th>
                <th scope="col">Time zone</th>
                <th scope="col">Instructors</th>
                <th scope="col">Students</th>
              </tr>
            </thead>
            <tbody>
              {courses.map(({ course, instructors, students }) => (
                <tr key={course.id}>
                  <td data-label="Course">{course.title}</td>
                  <td data-label="Address">
                    <Link href={`/courses/${course.slug}`}>/courses/{course.slug}</Link>
                  </td>
                  <td data-label="Time zone">{course.timeZone}</td>
                  <td data-label="Instructors">{instructors}</td>
                  <td data-label="Students">{students}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="new-course-title">
        <h2 id="new-course-title">Create a course</h2>
        <ActionForm action={createCourseAction} submitLabel="Create course" labels={{ slug: "Address", title: "Title", description: "Description", timeZone: "Time zone" }}>
          <label>
            Address
            <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={80} aria-describedby="slug-hint" />
          </label>
          <p id="slug-hint" className="field-hint">
            Lower-case words joined by hyphens, e.g. <code>deep-learning-2027</code>: the course lives at /courses/&lt;address&gt;.
          </p>
          <label>
            Title
            <input name="title" required maxLength={200} />
          </label>
          <label>
            Description
            <textarea name="description" rows={3} maxLength={5000} />
          </label>
          <label>
            Time zone
            <input name="timeZone" list="time-zones" required defaultValue="UTC" aria-describedby="zone-hint" />
          </label>
          <p id="zone-hint" className="field-hint">
            An IANA zone such as Europe/Berlin: deadlines are set and shown in it.
          </p>
          <datalist id="time-zones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </ActionForm>
      </section>

      <section className="card" aria-labelledby="instructor-title">
        <h2 id="instructor-title">Add an instructor</h2>
        <InstructorForm courses={courses.map(({ course }) => ({ slug: course.slug, title: course.title }))} />
      </section>

      <UserList list={users} query={{ q: query.q, role: query.role ?? "" }} currentUserId={user.id} />
    </div>
  );
}
