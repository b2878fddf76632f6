import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { EXAM_STATUS_LABELS } from "@/lib/exams/exam-status";
import { formatClock, formatLogTime } from "@/lib/exams/format";
import { findExamLog } from "@/lib/exams/student-log";
import { findPageAssessment } from "../page-assessment";
import { describeLimit } from "../ExamMonitorTable";

type Props = { params: Promise<{ slug: string; assessmentId: string; userId: string }> };

export const metadata: Metadata = { title: "Exam log" };

export default async function ExamLogPage({ params }: Props) {
  const { slug, assessmentId, userId } = await params;
  const user = await requirePageUser(
    `/courses/${encodeURIComponent(slug)}/manage/assessments/${encodeURIComponent(assessmentId)}/exam/${encodeURIComponent(userId)}`,
  );
  const { course } = await requirePageCourseAccess(user, slug, "view-dashboard");
  const db = await getDb();
  const assessment = await findPageAssessment(db, course.id, assessmentId);
  const log = await findExamLog(db, course.id, assessment, userId);
  if (!log) notFound();
  const { line, events } = log;
  const time = (date: Date | null) => (date ? formatLogTime(date, course.timeZone) : "—");
  return (
    <>
      <p className="small">
        <Link href={`/courses/${course.slug}/manage/assessments/${assessment.id}/exam`}>← Exam monitor: {assessment.title}</Link>
      </p>
      <h1>
        {line.name}: {assessment.title}
      </h1>
      <dl className="facts" data-testid="exam-facts">
        <dt>Email</dt>
        <dd>{line.email}</dd>
        <dt>Status</dt>
        <dd>
          {EXAM_STATUS_LABELS[line.status]}
          {line.remainingMs !== null ? ` (${formatClock(line.remainingMs)} left)` : ""}
        </dd>
        <dt>Time limit</dt>
        <dd>{describeLimit(line)}</dd>
        <dt>Started</dt>
        <dd>{time(line.startedAt)}</dd>
        <dt>Deadline</dt>
        <dd>{time(line.deadline)}</dd>
        {line.finishedAt ? (
          <>
            <dt>Closed</dt>
            <dd>{time(line.finishedAt)}</dd>
          </>
        ) : null}
        <dt>Counts</dt>
        <dd>
          focus lost {line.counts.focusLost} · saves {line.counts.saves} · submits {line.counts.submits} · sign-ins elsewhere {line.counts.secondSignIns}
        </dd>
      </dl>
      <section aria-labelledby="exam-log-title">
        <h2 id="exam-log-title">Log</h2>
        <p className="muted small">Times in {course.timeZone}. Focus is reported by the student&apos;s browser and may be missing (a closed laptop, an old browser).</p>
        {events.length === 0 ? (
          <p className="card empty">Nothing logged yet.</p>
        ) : (
          <ol className="exam-log" data-testid="exam-log">
            {events.map((event) => (
              <li key={event.id} data-kind={event.kind}>
                <time dateTime={event.at.toISOString()}>{formatLogTime(event.at, course.timeZone)}</time> — {event.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
