import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { listCategoryOptions } from "@/lib/courses/assessment-builder";
import { NEW_ASSESSMENT_VALUES } from "@/lib/courses/assessment-form";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { AssessmentForm } from "../AssessmentForm";
import "@/app/assessments.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "New assessment" };

export default async function NewAssessmentPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assessments/new`);
  // TAs read assessments but do not make them.
  const { course } = await requirePageCourseAccess(user, slug, "edit-assignment");
  const categories = await listCategoryOptions(await getDb(), course.id);
  const base = `/courses/${course.slug}/manage`;
  return (
    <>
      <p className="small">
        <Link href={`${base}/assessments`}>← All assessments</Link>
      </p>
      <h1>New assessment</h1>
      <p className="muted">A problem set, a quiz or an exam: its title, category, dates and rules. You add its exercises on the next page.</p>
      <section className="card" aria-label="Title, dates and rules">
        <AssessmentForm
          slug={course.slug}
          timeZoneLabel={describeTimeZone(course.timeZone)}
          initial={NEW_ASSESSMENT_VALUES}
          categories={categories}
          gradingHref={`${base}/grading`}
          readOnly={false}
        />
      </section>
    </>
  );
}
