import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { plural } from "@/lib/format/plural";
import { getAssessmentBuilder, listCategoryOptions } from "@/lib/courses/assessment-builder";
import { assessmentFormValues, POINTS_PREFIX } from "@/lib/courses/assessment-form";
import { listCatalogueForCourse } from "@/lib/courses/assignment-catalogue";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { kindLabel } from "@/lib/exercises/kinds";
import { AssessmentForm } from "../AssessmentForm";
import { DeleteAssessmentForm } from "./DeleteAssessmentForm";
import { ExercisePicker } from "./ExercisePicker";
import { ItemList, type ItemView } from "./ItemList";
import { ReleaseControl } from "./ReleaseControl";
import { formatDateTime } from "@/lib/courses/format-date";
import "@/app/assessments.css";

type Props = { params: Promise<{ slug: string; assessmentId: string }> };

export const metadata: Metadata = { title: "Assessment" };

export default async function AssessmentBuilderPage({ params }: Props) {
  const { slug, assessmentId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assessments/${encodeURIComponent(assessmentId)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canEdit = can(membership, "edit-assignment");
  const db = await getDb();
  const { assessment, items } = await getAssessmentBuilder(db, course.id, assessmentId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [categories, catalogue] = await Promise.all([listCategoryOptions(db, course.id), canEdit ? listCatalogueForCourse(db, course.id) : []]);
  const base = `/courses/${course.slug}/manage`;
  const inThis = new Set(items.map((item) => item.exercise.id));
  const views: ItemView[] = items.map(({ assignment, exercise, activity }) => ({
    id: assignment.id,
    label: exercise.title,
    exerciseId: exercise.id,
    kind: kindLabel(exercise.kind),
    topic: exercise.topic,
    points: assignment.points,
    submissions: activity.submissions,
    runs: activity.runs,
  }));
  const shownPoints = Object.fromEntries(views.map((item) => [`${POINTS_PREFIX}${item.id}`, String(item.points)]));
  const submissions = views.reduce((sum, item) => sum + item.submissions, 0);
  const runs = views.reduce((sum, item) => sum + item.runs, 0);
  const totalPoints = views.reduce((sum, item) => sum + item.points, 0);
  return (
    <>
      <p className="small">
        <Link href={`${base}/assessments`}>← All assessments</Link>
      </p>
      <h1>{assessment.title}</h1>
      <p className="muted small" data-testid="assessment-facts">
        {plural(views.length, "exercise")} · {plural(totalPoints, "point")} · {plural(submissions, "submission")} so far
      </p>
      {assessment.timeLimitMinutes !== null ? <p className="small"><Link href={`${base}/assessments/${assessment.id}/exam`}>Exam monitor: who started, time left, the log of each student</Link></p> : null}
      {can(membership, "check-similarity") && items.some((item) => item.exercise.kind !== "quiz") ? (
        <p className="small">
          <Link href={`${base}/assessments/${assessment.id}/similarity`}>Similar submissions: copied code across the class, per code exercise</Link>
        </p>
      ) : null}
      <section className="card" aria-label="Assessment">
        <AssessmentForm
          slug={course.slug}
          assessmentId={assessment.id}
          timeZoneLabel={describeTimeZone(course.timeZone)}
          initial={assessmentFormValues(assessment, course.timeZone)}
          shownExtra={shownPoints}
          categories={categories}
          gradingHref={`${base}/grading`}
          readOnly={!canEdit}
        >
          <ItemList slug={course.slug} assessmentId={assessment.id} items={views} base={base} />
        </AssessmentForm>
      </section>
      {assessment.releasePolicy === "manual" ? (
        <ReleaseControl
          slug={course.slug}
          assessmentId={assessment.id}
          releasedText={assessment.releasedAt ? `Released on ${formatDateTime(assessment.releasedAt, course.timeZone)}.` : null}
          canEdit={canEdit}
        />
      ) : null}
      {canEdit ? (
        <ExercisePicker
          slug={course.slug}
          assessmentId={assessment.id}
          topics={catalogue.map(({ topic, entries }) => ({
            topic,
            entries: entries.map(({ exercise }) => ({
              id: exercise.id,
              title: exercise.title,
              kind: kindLabel(exercise.kind),
              difficulty: exercise.difficulty,
              points: exercise.points,
              inThis: inThis.has(exercise.id),
            })),
          }))}
        />
      ) : null}
      {canEdit ? (
        <DeleteAssessmentForm slug={course.slug} assessmentId={assessment.id} title={assessment.title} exercises={views.length} submissions={submissions} runs={runs} />
      ) : null}
    </>
  );
}
