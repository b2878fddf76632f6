import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageCourseAccess, requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/courses/format-date";
import { isAppError } from "@/lib/errors";
import { compactJson } from "@/lib/format/compact-json";
import { plural } from "@/lib/format/plural";
import { formatShare } from "@/lib/progress/format";
import { getRegradeRequestDetail } from "@/lib/regrade-requests";
import { ResolveForm } from "./ResolveForm";
import "@/app/regrade-requests.css";
import "@/app/dashboard.css";

type Props = { params: Promise<{ slug: string; requestId: string }> };

export const metadata: Metadata = { title: "Regrade request" };

const share = (value: number | null) => (value === null ? "no score" : formatShare(value));

export default async function RegradeRequestPage({ params }: Props) {
  const { slug, requestId } = await params;
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/manage/regrade-requests/${encodeURIComponent(requestId)}`);
  const membership = await requirePageCourseAccess(user, slug, "view-dashboard");
  const { course } = membership;
  if (!z.uuid().safeParse(requestId).success) notFound();
  const detail = await getRegradeRequestDetail(await getDb(), course.id, requestId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { request, student, exercise, assessment, submission, tests } = detail;
  const passed = tests.filter((test) => test.passed).length;
  const zone = course.timeZone;

  return (
    <div className="dashboard">
      <p className="small">
        <Link href={`/courses/${course.slug}/manage/regrade-requests`}>← Regrade requests</Link>
      </p>
      <h1>
        Regrade request: {exercise.title} <span className="muted small">({assessment.title})</span>
      </h1>
      <p>
        From <Link href={`/courses/${course.slug}/manage/students/${student.id}`}>{student.name}</Link> <span className="muted small">{student.email}</span>, asked{" "}
        {formatDateTime(request.createdAt, zone)}.{" "}
        <span className="badge" data-testid="request-status">
          {request.status === "open" ? "open" : "resolved"}
        </span>
      </p>

      <section className="card" aria-labelledby="message-title">
        <h2 id="message-title">The student&apos;s message</h2>
        <p className="regrade-message" data-testid="request-message">
          {request.message}
        </p>
      </section>

      <section aria-labelledby="submit-title">
        <h2 id="submit-title">The Submit</h2>
        <p data-testid="submission-score">
          Sent {formatDateTime(submission.createdAt, zone)} · verdict {submission.verdict ?? submission.status} · grader&apos;s score {share(submission.score)}
          {submission.overrideScore !== null ? ` · counts as ${share(submission.overrideScore)} (set by staff)` : ""} · {passed} of {plural(tests.length, "test")}{" "}
          passed
        </p>
        {submission.message ? <p className="small">{submission.message}</p> : null}
        <h3>{submission.code !== null ? "Code" : "Answers"}</h3>
        <pre tabIndex={0}>
          <code>{submission.code ?? compactJson(submission.answers)}</code>
        </pre>
        {tests.length > 0 ? (
          <>
            <h3>Tests</h3>
            <ul className="attempt-tests">
              {tests.map((test) => (
                <li key={test.name} className={test.passed ? "pass" : "fail"}>
                  {test.name} {test.passed ? "passed" : "failed"}
                  {test.hidden ? <span className="muted small"> (hidden)</span> : null}
                  {!test.passed && test.misconception ? <span className="badge">{test.misconception}</span> : null}
                  {!test.passed && test.message ? <div className="muted small">{test.message}</div> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="answer-title">
        <h2 id="answer-title">{request.status === "open" ? "Resolve" : "The answer"}</h2>
        {request.status === "resolved" ? (
          <div data-testid="request-answer">
            <p>
              Resolved by {detail.resolverName ?? "a former member of staff"} on {request.resolvedAt ? formatDateTime(request.resolvedAt, zone) : "–"}:{" "}
              {request.previousScore === request.newScore ? `score kept at ${share(request.newScore)}.` : `score ${share(request.previousScore)} → ${share(request.newScore)}.`}
            </p>
            <p className="regrade-response">{request.response}</p>
          </div>
        ) : can(membership, "resolve-regrade-requests") ? (
          <ResolveForm slug={course.slug} requestId={request.id} currentPercent={submission.counted === null ? null : Math.round(submission.counted * 1000) / 10} />
        ) : (
          <p className="muted">Only the course&apos;s staff answer requests.</p>
        )}
      </section>
    </div>
  );
}
