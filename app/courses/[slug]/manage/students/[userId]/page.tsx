import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { getDb } from "@/lib/db";
import { formatDeadline } from "@/lib/courses/format-date";
import { formatGradingTime, formatLatency, formatShare } from "@/lib/progress/format";
import { findStudentReport } from "@/lib/progress/student-report";
import { STUDENT_ATTEMPTS_PER_PAGE, type StudentAttempt } from "@/lib/progress/student-attempts";
import { compactJson } from "@/lib/format/compact-json";
import "@/app/dashboard.css";
import { plural } from "@/lib/format/plural";
import { can } from "@/lib/auth/permissions";
import { listStudentOverrideAudit, type OverrideAuditEntry } from "@/lib/overrides/list-audit";
import { formatScoreShare } from "@/lib/overrides/audit-text";
import { StudentAccommodations } from "./StudentAccommodations";
import { StudentCourseGrade } from "./StudentCourseGrade";
import { StudentAssessmentScores } from "./StudentAssessmentScores";
import { OverrideAuditTrail } from "./OverrideAuditTrail";
import { ScoreOverrideForm } from "./ScoreOverrideForm";
import "@/app/overrides.css";

type Props = { params: Promise<{ slug: string; userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Student" };

export default async function StudentPage({ params, searchParams }: Props) {
  const { slug, userId } = await params;
  const requestedPage = Number((await searchParams).page ?? "1");
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/students/${encodeURIComponent(userId)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  const db = await getDb();
  const report = await findStudentReport(db, course, userId, Number.isFinite(requestedPage) ? requestedPage : 1);
  if (!report) notFound();
  const audit = await listStudentOverrideAudit(db, course.id, report.student.id);
  const canOverride = can(membership, "override-scores") && report.student.role === "student";
  const attempted = report.assignments.filter((assignment) => assignment.attempts.length > 0);
  const untouched = report.assignments.filter((assignment) => assignment.attemptCount === 0);
  const pageHref = (page: number) => `/courses/${course.slug}/manage/students/${report.student.id}?page=${page}`;
  const pager =
    report.pageCount > 1 ? (
      <nav aria-label="Attempt pages" className="pager small">
        {report.page > 1 ? <Link href={pageHref(report.page - 1)}>← Previous {STUDENT_ATTEMPTS_PER_PAGE}</Link> : null}{" "}
        <span>
          Attempts {(report.page - 1) * STUDENT_ATTEMPTS_PER_PAGE + 1}–{Math.min(report.page * STUDENT_ATTEMPTS_PER_PAGE, report.attemptCount)} of {report.attemptCount} (page {report.page} of{" "}
          {report.pageCount})
        </span>{" "}
        {report.page < report.pageCount ? <Link href={pageHref(report.page + 1)}>Next {STUDENT_ATTEMPTS_PER_PAGE} →</Link> : null}
      </nav>
    ) : null;

  return (
    <div className="dashboard">
      <p className="small">
        <Link href={`/courses/${course.slug}/manage/dashboard`}>← Class dashboard</Link>
      </p>
      <h1>{report.student.name}</h1>
      <p className="muted">
        {report.student.email} · {report.student.role} · times in {report.timeZone}
      </p>
      {report.student.role === "student" ? <StudentCourseGrade course={course} userId={report.student.id} /> : null}
      {report.student.role === "student" ? (
        <StudentAssessmentScores course={course} student={report.student} canOverride={canOverride} audit={audit.filter((entry) => entry.assessmentId !== null)} />
      ) : null}
      {report.student.role === "student" ? (
        <StudentAccommodations course={course} student={report.student} canGrant={can(membership, "grant-accommodations")} />
      ) : null}
      {report.attemptCount === 0 ? <p className="card empty">No submission yet.</p> : null}
      {pager}
      {attempted.map((assignment) => (
        <section key={assignment.assignmentId} aria-labelledby={`a-${assignment.assignmentId}`} data-assignment={assignment.assignmentId} data-exercise={assignment.exerciseId}>
          <h2 id={`a-${assignment.assignmentId}`}>{assignment.label}</h2>
          <p data-testid={`counted-${assignment.assignmentId}`}>
            Counted score:{" "}
            {assignment.counted === null
              ? "none graded yet"
              : `${formatShare(assignment.counted)} (${Math.round(assignment.counted * assignment.points * 100) / 100} of ${assignment.points} points)`}
            {assignment.dueAt ? <span className="muted small"> · due {formatDeadline(assignment.dueAt, report.timeZone)}</span> : null}
          </p>
          <ol className="attempts" start={assignment.attempts[0]?.number}>
            {assignment.attempts.map((attempt) => (
              <li key={attempt.id} className="attempt">
                <Attempt attempt={attempt} number={attempt.number} timeZone={report.timeZone} />
                <AttemptOverride
                  attempt={attempt}
                  number={attempt.number}
                  label={assignment.label}
                  points={assignment.points}
                  slug={course.slug}
                  timeZone={report.timeZone}
                  canOverride={canOverride}
                  audit={audit.filter((entry) => entry.submissionId === attempt.id)}
                />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {pager}
      {untouched.length > 0 ? (
        <section aria-labelledby="untouched">
          <h2 id="untouched">Not started</h2>
          <p>{untouched.map((assignment) => assignment.label).join(", ")}</p>
        </section>
      ) : null}
    </div>
  );
}

function Attempt({ attempt, number, timeZone }: { attempt: StudentAttempt; number: number; timeZone: string }) {
  const failed = attempt.tests.filter((test) => !test.passed).length;
  return (
    <>
      <h3>
        Attempt {number}: {attempt.score === null ? (attempt.status === "error" ? "grading failed" : "not graded yet") : formatShare(attempt.score)}
        {attempt.overrideScore !== null ? ` → set by staff to ${formatScoreShare(attempt.overrideScore)}` : ""}
        {attempt.late ? ` (late: ${formatShare(attempt.penaltyFactor)} of it counts)` : ""}
      </h3>
      <p className="attempt-meta">
        <span>Submitted {formatDeadline(attempt.createdAt, timeZone)}</span>
        <span>Verdict: {attempt.verdict ?? attempt.status}</span>
        <span>
          {attempt.gradedAt === null ? "Not graded" : attempt.gradingMs === null ? "Graded on submission" : `Graded in ${formatGradingTime(attempt.gradingMs)}`}
        </span>
        {attempt.queueWaitMs !== null ? <span>Waited {formatLatency(attempt.queueWaitMs)} for a grader</span> : null}
        {attempt.seenAfterMs !== null ? <span>Seen {formatLatency(attempt.seenAfterMs)} after sending</span> : null}
        <span>
          {attempt.tests.length - failed} of {plural(attempt.tests.length, "test")} passed
        </span>
      </p>
      {attempt.message ? <p className="small">{attempt.message}</p> : null}
      <details>
        <summary>Code and test results</summary>
        {attempt.code !== null ? (
          <pre tabIndex={0}>
            <code>{attempt.code}</code>
          </pre>
        ) : (
          <pre tabIndex={0}>
            <code>{compactJson(attempt.answers)}</code>
          </pre>
        )}
        <ul className="attempt-tests">
          {attempt.tests.map((test) => (
            <li key={test.name} className={test.passed ? "pass" : "fail"}>
              {test.name}
              {test.hidden ? <span className="muted small"> (hidden)</span> : null}
              {!test.passed && test.misconception ? <span className="badge">{test.misconception}</span> : null}
              {!test.passed && test.message ? <div className="muted small">{test.message}</div> : null}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** A Submit's audit trail and, for staff who may, the form to adjust its score. */
function AttemptOverride(props: {
  attempt: StudentAttempt;
  number: number;
  label: string;
  points: number;
  slug: string;
  timeZone: string;
  canOverride: boolean;
  audit: OverrideAuditEntry[];
}) {
  const { attempt, number, label } = props;
  return (
    <>
      <OverrideAuditTrail entries={props.audit} timeZone={props.timeZone} label={`Score changes of attempt ${number}`} />
      {props.canOverride ? (
        <details className="override-panel">
          <summary>
            Adjust score<span className="visually-hidden">: {label}, attempt {number}</span>
          </summary>
          <ScoreOverrideForm
            target={{ kind: "submission", submissionId: attempt.id }}
            slug={props.slug}
            idPrefix={`submission-${attempt.id}`}
            possible={props.points}
            overridden={attempt.overrideScore !== null}
            submitLabel="Save score"
          />
        </details>
      ) : null}
    </>
  );
}
