import type { TimedWorkView } from "@/lib/workflows/exam-view";
import { formatDateTime } from "@/lib/courses/format-date";
import { plural } from "@/lib/format/plural";
import { ExamCountdown } from "@/app/_components/exam/ExamCountdown";
import { StartExamForm } from "@/app/_components/exam/StartExamForm";
import "@/app/exam.css";

interface Props {
  courseSlug: string;
  timeZone: string;
  work: TimedWorkView;
}

/** A student's timed assessment: the start panel, the running clock, or how it ended. */
export function TimedExamPanel({ courseSlug, timeZone, work }: Props) {
  const { state, assessment } = work;
  if (state.status === "in_progress") return <ExamCountdown courseSlug={courseSlug} assessmentId={assessment.id} initial={work.json} />;
  if (state.status === "finished") {
    return (
      <p className="exam-banner finished" role="status" data-testid="exam-finished">
        {state.finishReason === "finished" ? "You finished this assessment. Your work was submitted." : "Time is up. Your work was submitted."}
        {state.startedAt ? <span className="muted small"> (started {formatDateTime(state.startedAt, timeZone)})</span> : null}
      </p>
    );
  }
  if (state.status !== "not_started") return null;
  return (
    <section className="card exam-start-panel" aria-labelledby="exam-start-heading">
      <h2 id="exam-start-heading">Timed assessment</h2>
      <p>Time limit: {plural(assessment.timeLimitMinutes ?? 0, "minute")}.</p>
      {state.multiplier !== 1 && state.minutes !== null ? <p data-testid="accommodated-minutes">With your accommodation: {plural(state.minutes, "minute")}.</p> : null}
      <p>You can start once; the clock keeps running if you leave or reload.</p>
      {assessment.allowRun ? null : <p>Run is turned off during this assessment.</p>}
      <StartExamForm courseSlug={courseSlug} assessmentId={assessment.id} needsCode={work.needsCode} />
    </section>
  );
}
