import type { Metadata } from "next";
import { requirePageCourseRole, requirePageUser } from "@/lib/auth/page-guards";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Course" };

export default async function CoursePage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}`);
  const { course, role } = await requirePageCourseRole(user, slug);
  return (
    <>
      <h1>{course.title}</h1>
      <p className="muted">
        You are {role === "instructor" ? "an" : "a"} {role} in this course.
      </p>
      {course.description ? <p>{course.description}</p> : null}
      <section className="card empty" aria-label="Exercises">
        <p>No exercises have been assigned in this course yet.</p>
        <p className="hint">Assigned exercises will appear here, grouped by topic, with their due dates.</p>
      </section>
    </>
  );
}
