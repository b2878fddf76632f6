import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { getStudentCourseGrade } from "@/lib/progress/course-grades";
import { MyAccommodations } from "@/app/_components/MyAccommodations";
import { GradeBreakdown } from "./GradeBreakdown";
import "@/app/manage.css";
import "@/app/grades.css";
import "@/app/overrides.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Grades" };

export default async function GradesPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/grades`);
  const membership = await requirePageCourseAccess(user, slug, "view-course");
  const { course } = membership;
  const base = `/courses/${course.slug}`;
  if (can(membership, "view-dashboard")) {
    // Staff have no course grade of their own here: their attempts are tries, not coursework.
    return (
      <div className="grades">
        <p className="breadcrumbs small">
          <Link href={base}>{course.title}</Link> › Grades
        </p>
        <h1>Grades</h1>
        <p className="card">
          Students see their course grade here, with how it was computed. As course staff you have none: see every student&apos;s in the{" "}
          <Link href={`${base}/manage/gradebook`}>gradebook</Link>
          {can(membership, "edit-grading") ? (
            <>
              , and set categories and weights under <Link href={`${base}/manage/grading`}>Grading</Link>
            </>
          ) : null}
          .
        </p>
      </div>
    );
  }
  const { structure, scores, grade, overrides } = await getStudentCourseGrade(await getDb(), course, user.id, new Date(), { asStudent: true });
  return (
    <div className="grades">
      <p className="breadcrumbs small">
        <Link href={base}>{course.title}</Link> › Grades
      </p>
      <h1>Your grades</h1>
      <GradeBreakdown slug={course.slug} timeZone={course.timeZone} structure={structure} scores={scores} grade={grade} overrides={overrides} />
      <MyAccommodations courseId={course.id} userId={user.id} timeZone={course.timeZone} />
    </div>
  );
}
