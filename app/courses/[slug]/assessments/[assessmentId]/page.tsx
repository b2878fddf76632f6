import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { findSessionUser } from "@/lib/auth/guards";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { getAssessmentOverview } from "@/lib/progress/course-overview";
import { findAssessmentPageTitle } from "@/lib/progress/assessment-page-title";
import { assessmentProgressText, assessmentRulesText } from "@/lib/progress/assessment-text";
import { AssessmentDates } from "../../AssessmentSection";
import { AssessmentExercisesTable } from "../../AssessmentExercisesTable";
import { MyAccommodations } from "@/app/_components/MyAccommodations";
import { FinishExamButton } from "@/app/_components/exam/FinishExamButton";
import { findTimedWorkView } from "@/lib/workflows/exam-view";
import { TimedExamPanel } from "./TimedExamPanel";
import "@/app/course-assessments.css";

type Props = { params: Promise<{ slug: string; assessmentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, assessmentId } = await params;
  const user = await findSessionUser();
  const title = user ? await findAssessmentPageTitle(await getDb(), user.id, slug, assessmentId) : null;
  return { title: title ?? "Assessment" };
}

export default async function AssessmentPage({ params }: Props) {
  const { slug, assessmentId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/assessments/${encodeURIComponent(assessmentId)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-course");
  const { course } = membership;
  const now = new Date();
  const orNotFound = (error: unknown): never => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  };
  // A student's timed work (read first: work found past its deadline is closed, and the progress below shows it).
  const timed = await findTimedWorkView(await getDb(), membership, assessmentId, user.id, now).catch(orNotFound);
  const staff = can(membership, "view-dashboard");
  const view = await getAssessmentOverview(await getDb(), course, user.id, assessmentId, now, { seeAll: staff }).catch(orNotFound);
  return (
    <article className="assessment-page">
      <nav className="muted small" aria-label="Breadcrumb">
        <Link href={`/courses/${course.slug}`}>{course.title}</Link> › {view.title}
      </nav>
      <h1>{view.title}</h1>
      <p className="assessment-meta small">
        {view.category ? <span className="badge category">{view.category}</span> : null}
        <AssessmentDates view={view} timeZone={course.timeZone} now={now} />
        {can(membership, "edit-assignment") ? <Link href={`/courses/${course.slug}/manage/assessments/${view.id}`}>Edit assessment</Link> : null}
      </p>
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Dates and rules</h2>
        <ul className="rules" data-testid="rules">
          {assessmentRulesText(view, course.timeZone).map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </section>
      {timed ? <TimedExamPanel courseSlug={course.slug} timeZone={course.timeZone} work={timed} /> : null}
      {staff ? null : <MyAccommodations courseId={course.id} userId={user.id} timeZone={course.timeZone} assessmentId={view.id} headingLevel={2} />}
      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Exercises</h2>
        {staff ? null : (
          <p className="small" data-testid="assessment-progress">
            {assessmentProgressText(view.progress)}
          </p>
        )}
        {!staff && view.state === "not_open" ? <p className="hint">The exercises open with the assessment.</p> : null}
        <AssessmentExercisesTable view={view} staff={staff} />
        {timed?.state.status === "in_progress" ? <FinishExamButton courseSlug={course.slug} assessmentId={view.id} /> : null}
      </section>
    </article>
  );
}
