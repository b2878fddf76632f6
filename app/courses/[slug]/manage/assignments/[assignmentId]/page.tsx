import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { countAssignmentActivity, getCourseAssignment } from "@/lib/courses/assignments";
import { getCourseAssessment } from "@/lib/courses/assessments";
import { assignmentFormValues } from "@/lib/courses/assignment-form";
import { findExerciseSummary } from "@/lib/courses/assignment-catalogue";
import { explanationReleaseField } from "@/lib/courses/assignment-explanations";
import { describeTimeZone } from "@/lib/courses/zoned-time";
import { EXERCISE_KINDS } from "@/lib/exercises/kinds";
import { ActivityCounts } from "./ActivityCounts";
import { AssignmentForm } from "./AssignmentForm";
import { RemoveAssignmentForm } from "./RemoveAssignmentForm";
import { VersionMoveForm } from "./VersionMoveForm";
import { getAssignmentVersion } from "@/lib/authoring";

type Props = { params: Promise<{ slug: string; assignmentId: string }> };

export const metadata: Metadata = { title: "Edit assignment" };

export default async function EditAssignmentPage({ params }: Props) {
  const { slug, assignmentId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assignments/${encodeURIComponent(assignmentId)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const canEdit = can(membership, "edit-assignment");
  const db = await getDb();
  const assignment = await getCourseAssignment(db, course.id, assignmentId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [exercise, activity, assessment] = await Promise.all([
    findExerciseSummary(db, assignment.exerciseId),
    countAssignmentActivity(db, assignment.id),
    getCourseAssessment(db, course.id, assignment.assessmentId),
  ]);
  const base = `/courses/${course.slug}/manage`;
  // A course exercise pinned to an older version: instructors are offered the newest (null for a repository exercise).
  const pinned = canEdit ? await getAssignmentVersion(db, user, course.slug, assignment.id) : null;
  return (
    <>
      <p className="small">
        <Link href={`${base}/assessments/${assessment.id}`}>← {assessment.title}</Link>
      </p>
      <h1>{exercise?.title ?? assignment.exerciseId}</h1>
      <p className="catalogue-actions small">
        {exercise ? (
          <span className="muted">
            {exercise.topic} · {exercise.kind} · {exercise.difficulty}
          </span>
        ) : null}
        <Link href={`${base}/exercises/${assignment.exerciseId}`}>Preview</Link>
        <Link href={`${base}/assignments/${assignment.id}/regrade`}>Regrade submissions</Link>
        {exercise && exercise.kind !== "quiz" && can(membership, "check-similarity") ? (
          <Link href={`${base}/assignments/${assignment.id}/similarity`}>Similar submissions</Link>
        ) : null}
      </p>
      {pinned?.newer ? <VersionMoveForm slug={course.slug} assignmentId={assignment.id} pinned={pinned.version} latest={pinned.currentVersion} /> : null}
      <ActivityCounts activity={activity} />
      <section className="card" aria-label="Dates and rules">
        <p className="hint">
          Points are this exercise&apos;s. Dates and rules are those of the assessment <Link href={`${base}/assessments/${assessment.id}`}>{assessment.title}</Link>: a change applies to every exercise of it.
        </p>
        <AssignmentForm
          slug={course.slug}
          assignmentId={assignment.id}
          timeZoneLabel={describeTimeZone(course.timeZone)}
          readOnly={!canEdit}
          initial={assignmentFormValues({ ...assessment, points: assignment.points }, course.timeZone)}
          explanationRelease={exercise && EXERCISE_KINDS[exercise.kind].releasesExplanations ? explanationReleaseField(assessment.explanationRelease) : undefined}
        />
      </section>
      {canEdit ? <RemoveAssignmentForm slug={course.slug} assignmentId={assignment.id} activity={activity} /> : null}
    </>
  );
}
