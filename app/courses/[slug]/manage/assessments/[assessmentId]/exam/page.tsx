import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { getExamMonitor } from "@/lib/exams/monitor";
import { plural } from "@/lib/format/plural";
import { findPageAssessment } from "./page-assessment";
import { ExamMonitorTable } from "./ExamMonitorTable";

type Props = { params: Promise<{ slug: string; assessmentId: string }> };

export const metadata: Metadata = { title: "Exam monitor" };

export default async function ExamMonitorPage({ params }: Props) {
  const { slug, assessmentId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/assessments/${encodeURIComponent(assessmentId)}/exam`);
  const { course } = await requirePageCourseAccess(user, slug, "view-dashboard");
  const db = await getDb();
  const assessment = await findPageAssessment(db, course.id, assessmentId);
  const now = new Date();
  const base = `/courses/${course.slug}/manage/assessments/${assessment.id}`;
  const rows = assessment.timeLimitMinutes === null ? [] : await getExamMonitor(db, course.id, assessment, now);
  const counts = { in_progress: 0, finished: 0, time_up: 0, not_started: 0 };
  for (const row of rows) counts[row.status] += 1;
  return (
    <>
      <p className="small">
        <Link href={base}>← {assessment.title}</Link>
      </p>
      <h1>Exam monitor: {assessment.title}</h1>
      {assessment.timeLimitMinutes === null ? (
        <p className="card empty">This assessment has no time limit: students do not start it, so there is nothing to monitor.</p>
      ) : (
        <>
          <p className="muted small" data-testid="exam-summary">
            Time limit {plural(assessment.timeLimitMinutes, "minute")} · {counts.in_progress} in progress · {counts.finished} finished · {counts.time_up} time up ·{" "}
            {counts.not_started} not started · times in {course.timeZone} as of the page&apos;s load (<Link href={`${base}/exam`}>refresh</Link>)
          </p>
          <ExamMonitorTable rows={rows} timeZone={course.timeZone} logBase={`${base}/exam`} />
        </>
      )}
    </>
  );
}
