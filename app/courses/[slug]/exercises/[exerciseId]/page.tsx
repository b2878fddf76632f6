import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import "katex/dist/katex.min.css";
import "@/app/course-assessments.css";
import { findSessionUser } from "@/lib/auth/guards";
import { requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { getExercisePageData } from "@/lib/progress/exercise-page";
import { formatDateTime, formatDateTimeFromNow } from "@/lib/courses/format-date";
import { findExercisePageTitle } from "@/lib/courses/exercise-page-title";
import { isAppError } from "@/lib/errors";
import { exerciseHref } from "@/lib/progress/course-overview";
import { listAssessmentsOfExercise } from "@/lib/progress/exercise-assessments";
import { CodeWorkbench } from "@/app/_components/CodeWorkbench";
import { QuizForm } from "@/app/_components/QuizForm";
import { AttemptHistory } from "./AttemptHistory";
import { plural } from "@/lib/format/plural";
import { lateRule } from "@/lib/progress/assessment-text";
import { getOwnRegradeState } from "@/lib/regrade-requests";
import { RegradeReview } from "./RegradeReview";
import "@/app/regrade-requests.css";
import { timedWorkViewOf, runAllowedFor } from "@/lib/workflows/exam-view";
import { ExamCountdown } from "@/app/_components/exam/ExamCountdown";
import "@/app/exam.css";

type Props = { params: Promise<{ slug: string; exerciseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?assessment=<id>`: which of the exercise's assessments the page works on, when it sits in several. */
const QuerySchema = z.object({ assessment: z.uuid().optional() });

/** Each exercise page names its exercise and course, so that tabs, history and screen readers tell them apart. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, exerciseId } = await params;
  const user = await findSessionUser();
  const title = user ? await findExercisePageTitle(await getDb(), user.id, slug, exerciseId) : null;
  return { title: title ?? "Exercise" };
}

export default async function ExercisePage({ params, searchParams }: Props) {
  const { slug, exerciseId } = await params;
  const query = QuerySchema.safeParse({ assessment: (await searchParams).assessment });
  if (!query.success) notFound();
  const user = await requirePageUser(`/courses/${encodeURIComponent(slug)}/exercises/${encodeURIComponent(exerciseId)}`);
  const db = await getDb();
  const now = new Date();
  const data = await getExercisePageData(db, user, slug, exerciseId, now, query.data.assessment).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { course } = data.membership;
  // A student's timed work: hidden before the start, with its clock while it runs, read-only once it ended.
  const timed = await timedWorkViewOf(db, data.membership, data.assessmentRow, user.id, now);
  const examStatus = timed?.state.status ?? "untimed";
  const allowRun = runAllowedFor(data.membership, data.assessmentRow);
  const assessmentHref = `/courses/${course.slug}/assessments/${data.assessment.id}`;
  const placements = await listAssessmentsOfExercise(db, course.id, exerciseId);
  const alsoIn = placements.filter((placement) => placement.id !== data.assessment.id);
  // Attempts land on the assessment this page shows: named when the exercise sits in several (alone, it is the only one).
  const base = `/api/courses/${course.slug}/exercises/${exerciseId}/submissions`;
  const endpoint = alsoIn.length > 0 ? `${base}?assessment=${data.assessment.id}` : base;
  // Staff try exercises whatever the dates and attempts; a student works under the assignment's rules.
  const asStudent = can(data.membership, "submit-as-student");
  const canSubmit = data.window.open || !asStudent;
  // Regrade requests are a student's: their state and "Ask for a review" on each graded Submit.
  const regrade = can(data.membership, "request-regrade")
    ? await getOwnRegradeState(db, { userId: user.id, courseId: course.id, assessmentId: data.assessment.id, submissionIds: data.history.map((attempt) => attempt.id), now })
    : null;
  const submitNote = data.window.open ? (data.window.late ? "The deadline has passed: a submission now counts with the late penalty." : null) : data.window.message;

  return (
    <article className="exercise">
      <nav className="muted small" aria-label="Breadcrumb">
        <Link href={`/courses/${course.slug}`}>{course.title}</Link> ›{" "}
        <Link href={`/courses/${course.slug}/assessments/${data.assessment.id}`}>{data.assessment.title}</Link> › {data.title}
      </nav>
      <h1>{data.title}</h1>
      {timed && examStatus === "in_progress" ? <ExamCountdown courseSlug={course.slug} assessmentId={data.assessment.id} initial={timed.json} /> : null}
      {examStatus === "finished" ? (
        <p className="exam-banner finished" role="status" data-testid="exam-finished">
          {timed?.state.finishReason === "finished" ? "You finished this assessment. Your work was submitted." : "Time is up. Your work was submitted."}
        </p>
      ) : null}
      {alsoIn.length > 0 ? (
        <p className="small also-in" data-testid="also-in">
          Also in:{" "}
          {alsoIn.map((other, index) => (
            <span key={other.id}>
              {index > 0 ? ", " : null}
              <Link href={exerciseHref(course.slug, exerciseId, other.id)}>{other.title}</Link>
            </span>
          ))}
          <span className="muted"> (attempts count for the assessment you open it from)</span>
        </p>
      ) : null}
      <p className="muted small" data-testid="deadline">
        {data.dueAt ? `Due ${formatDateTimeFromNow(data.dueAt, course.timeZone, new Date())}` : "No deadline"}
        {data.extended ? (
          <span className="marker-extended" data-testid="extended">
            {" "}
            extended for you (the course&apos;s due date: {formatDateTime(data.courseDueAt!, course.timeZone)})
          </span>
        ) : null}
        {data.attemptLimit ? ` · ${data.attemptsUsed} of ${plural(data.attemptLimit, "attempt")} used` : ` · ${plural(data.attemptsUsed, "attempt")} so far`}
        {data.dueAt ? <span data-testid="late-rule"> · {lateRule(data, course.timeZone)}</span> : null}
      </p>
      <p data-testid="counting-score">
        {!data.release.released && data.release.heldText
          ? data.release.heldText
          : data.countingScore === null
          ? "No graded attempt yet."
          : `Your score that counts: ${Math.round(data.countingScore * 100)} % (your best attempt${data.latePolicy === "penalty" && !data.lateWaived ? ", after late penalties" : ""}).`}
      </p>
      {examStatus === "not_started" ? (
        <p className="card" data-testid="exam-not-started">
          This exercise is part of a timed assessment and shows once you start it. <Link href={assessmentHref}>Go to {data.assessment.title} to start</Link>.
        </p>
      ) : (
        exerciseWork()
      )}
      <AttemptHistory
        attempts={data.history}
        timeZone={course.timeZone}
        review={
          regrade
            ? (attempt) => (
                <RegradeReview
                  slug={course.slug}
                  submissionId={attempt.id}
                  graded={attempt.status === "graded"}
                  mayAsk={regrade.mayAsk}
                  requests={regrade.bySubmission[attempt.id] ?? []}
                  timeZone={course.timeZone}
                />
              )
            : undefined
        }
      />
    </article>
  );

  function exerciseWork() {
    const closed = examStatus === "finished";
    return (
      <>
        <div className="prompt" dangerouslySetInnerHTML={{ __html: data.view.promptHtml }} />
        {data.view.kind === "code" ? (
          <>
            {data.view.examples.length > 0 ? (
              <section aria-labelledby="examples-title">
                <h2 id="examples-title">Examples you can run</h2>
                <ul className="examples">
                  {data.view.examples.map((example) => (
                    <li key={example.name}>
                      <code>{example.text}</code>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <h2>Your solution</h2>
            {closed ? (
              <pre className="exam-readonly" data-testid="readonly-code">
                <code>{data.draft?.code ?? data.view.starter}</code>
              </pre>
            ) : (
              <CodeWorkbench
                endpoint={endpoint}
                draftEndpoint={`/api/courses/${course.slug}/exercises/${exerciseId}/draft`}
                starter={data.view.starter}
                draft={data.draft}
                draftKey={`tensorgrade:draft:v2:${user.id}:${exerciseId}`}
                canSubmit={canSubmit}
                submitNote={submitNote}
                attempts={{ used: data.attemptsUsed, limit: asStudent ? data.attemptLimit : null }}
                allowRun={allowRun}
                timed={examStatus === "in_progress"}
              />
            )}
          </>
        ) : (
          <>
            {submitNote ? <p className="hint">{submitNote}</p> : null}
            <QuizForm
              endpoint={endpoint}
              quiz={data.view.quiz}
              canSubmit={canSubmit && !closed}
              last={data.history[0] ?? null}
              attempts={{ used: data.attemptsUsed, limit: asStudent ? data.attemptLimit : null }}
              timed={examStatus === "in_progress"}
            />
          </>
        )}
      </>
    );
  }
}
