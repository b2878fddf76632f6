import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { dueNext, getCourseOverview, overdue } from "@/lib/progress/course-overview";
import { roleLabel } from "@/lib/courses/role-label";
import { AssessmentSection } from "./AssessmentSection";
import { DueSummary } from "./DueSummary";
import "@/app/course-assessments.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Course" };

export default async function CoursePage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-course");
  const { course, role } = membership;
  const now = new Date();
  const staff = can(membership, "view-dashboard");
  const assessments = await getCourseOverview(await getDb(), course, user.id, now, { seeAll: staff });
  return (
    <>
      <h1>{course.title}</h1>
      <p className="muted">
        You are {role === "instructor" ? "an" : "a"} {roleLabel(role)} in this course.
        {staff ? (
          <>
            {" "}
            <Link href={`/courses/${course.slug}/manage`}>Manage course</Link> ·{" "}
            <Link href={`/courses/${course.slug}/manage/dashboard`}>Class dashboard</Link> ·{" "}
            <Link href={`/courses/${course.slug}/manage/gradebook`}>Gradebook</Link>
          </>
        ) : (
          <>
            {" "}
            <Link href={`/courses/${course.slug}/grades`}>Your grades</Link>
          </>
        )}
      </p>
      {course.description ? <p>{course.description}</p> : null}
      {assessments.length === 0 ? (
        <section className="card empty" aria-label="Assessments">
          <p>No assessments have been set in this course yet.</p>
          <p className="hint">Problem sets, quizzes and exams will appear here with their exercises and due dates.</p>
        </section>
      ) : (
        <>
          {staff ? null : <DueSummary slug={course.slug} timeZone={course.timeZone} late={overdue(assessments)} dueNext={dueNext(assessments)} now={now} />}
          {assessments.map((view) => (
            <AssessmentSection key={view.id} slug={course.slug} timeZone={course.timeZone} view={view} staff={staff} now={now} />
          ))}
        </>
      )}
    </>
  );
}
