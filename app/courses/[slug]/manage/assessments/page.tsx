import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listCourseAssessments, policyOf } from "@/lib/courses/assessments";
import { listCategoryOptions } from "@/lib/courses/assessment-builder";
import { ASSESSMENT_STATE_LABELS, assessmentState } from "@/lib/courses/assessment-state";
import { formatDeadline } from "@/lib/courses/format-date";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { AssessmentTable, type AssessmentRow } from "./AssessmentTable";
import "@/app/assessments.css";

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Assessments" };

export default async function AssessmentsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assessments`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canEdit = can(membership, "edit-assignment");
  const db = await getDb();
  const [assessments, categories] = await Promise.all([listCourseAssessments(db, course.id), listCategoryOptions(db, course.id)]);
  const categoryNames = new Map(categories.map((category) => [category.id, category.name]));
  const base = `/courses/${course.slug}/manage`;
  const now = new Date();
  const when = (date: Date | null, none: string) => (date ? formatDeadline(date, course.timeZone) : none);
  const rows: AssessmentRow[] = assessments.map(({ assessment, items }) => {
    const policy = policyOf(assessment);
    const state = assessmentState(policy, items.length, now);
    return {
      id: assessment.id,
      label: assessment.title,
      href: `${base}/assessments/${assessment.id}`,
      category: assessment.categoryId ? (categoryNames.get(assessment.categoryId) ?? "–") : "None",
      exercises: items.length,
      points: items.reduce((sum, item) => sum + item.assignment.points, 0),
      opens: when(policy.opensAt, "Now"),
      due: when(policy.dueAt, "No deadline"),
      state,
      stateLabel: ASSESSMENT_STATE_LABELS[state],
    };
  });
  return (
    <>
      <div className="section-head">
        <h1>Assessments</h1>
        {canEdit ? (
          <Link className="button" href={`${base}/assessments/new`}>
            New assessment
          </Link>
        ) : null}
      </div>
      <p className="muted small">
        Problem sets, quizzes and exams, in the order students see them. Times are in the course&apos;s time zone, {describeTimeZone(course.timeZone)}.
        {canEdit ? " Move up and Move down save the order at once." : " TAs read assessments; only instructors change them."}
      </p>
      {rows.length === 0 ? (
        <p className="card empty">No assessment yet.{canEdit ? " Make one with New assessment." : ""}</p>
      ) : (
        <AssessmentTable slug={course.slug} rows={rows} canEdit={canEdit} />
      )}
    </>
  );
}
