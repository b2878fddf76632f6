"use client";

import { useId } from "react";
import { shownDisplay } from "@/lib/submissions/shown";
import { CurveChart } from "./CurveChart";
import type { SubmissionState } from "./use-submission";
import { plural } from "@/lib/format/plural";

const preview = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? "—" : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

const STATUS_TEXT = { queued: "Queued…", running: "Running your code…", graded: "Graded", error: "Error" } as const;
const VERDICT_TEXT: Record<string, string> = {
  compile_error: "Your code did not compile",
  runtime_error: "Your code crashed while loading",
  timeout: "Time limit reached",
  memory_limit: "Memory limit reached",
};

/** One sentence for a screen reader: where the submission is, and its score once graded. */
export function summaryOf(submission: SubmissionState): string {
  const what = submission.mode === "run" ? "Run" : "Submission";
  if (submission.held !== undefined && (submission.status === "graded" || submission.status === "error")) return `Submitted. ${submission.held}`;
  if (submission.status !== "graded" && submission.status !== "error") return `${what}: ${STATUS_TEXT[submission.status]}`;
  const passed = submission.tests.filter((test) => test.passed).length;
  const verdict = submission.verdict && VERDICT_TEXT[submission.verdict] ? ` ${VERDICT_TEXT[submission.verdict]}.` : "";
  const score = submission.score === null ? "" : ` ${Math.round(submission.score * 100)} %, ${passed} of ${plural(submission.tests.length, "test")} passed.`;
  return `${what} ${STATUS_TEXT[submission.status].toLowerCase()}.${score}${verdict}`;
}

/**
 * The outcome of a Run or Submit: status, score, per-test results, console output. `past` renders
 * an earlier attempt in the history: one of many on the page, so neither a focus stop nor a named region.
 */
export function SubmissionResult({ submission, past = false }: { submission: SubmissionState; past?: boolean }) {
  const final = submission.status === "graded" || submission.status === "error";
  const passed = submission.tests.filter((test) => test.passed).length;
  const statusId = useId();
  return (
    // Focusable so that a keyboard user can move to the result and a screen reader reads it as one region.
    <section
      className="card result"
      tabIndex={past ? undefined : 0}
      aria-labelledby={past ? undefined : statusId}
      data-testid={past ? "attempt-result" : "submission-result"}
      data-status={submission.held !== undefined && final ? "submitted" : submission.status}
    >
      {submission.held !== undefined && final ? (
        <>
          <p className="result-status" id={statusId}>
            <strong>Submitted</strong>
          </p>
          <p className="muted" data-testid="release-note">
            {submission.held}
          </p>
        </>
      ) : (
        <ResultBody submission={submission} statusId={statusId} final={final} passed={passed} />
      )}
    </section>
  );
}

/** A result as graded: status, score, verdict, message, tests and console. */
function ResultBody({ submission, statusId, final, passed }: { submission: SubmissionState; statusId: string; final: boolean; passed: number }) {
  return (
    <>
      <p className="result-status" id={statusId}>
        <strong>{STATUS_TEXT[submission.status]}</strong>
        {final && submission.score !== null ? (
          <span className="result-score" data-testid="score">
            {" "}
            · {submission.mode === "run" ? "examples" : "score"} {Math.round(submission.score * 100)} % ({passed} of {plural(submission.tests.length, "test")})
          </span>
        ) : null}
      </p>
      {submission.verdict && VERDICT_TEXT[submission.verdict] ? <p className="error">{VERDICT_TEXT[submission.verdict]}.</p> : null}
      {submission.message ? <pre className="message">{submission.message}</pre> : null}
      {submission.tests.length > 0 ? (
        <ul className="tests">
          {submission.tests.map((test) => (
            <li key={test.name} className={test.passed ? "pass" : "fail"}>
              <span aria-hidden="true">{test.passed ? "✓" : "✗"}</span>
              <span className="visually-hidden">{test.passed ? "Passed:" : "Failed:"}</span> {test.name}
              {test.hidden ? <span className="muted small"> (hidden)</span> : null}
              {test.message ? <div className="test-message">{test.message}</div> : null}
              {test.shown ? <ShownValues name={test.name} shown={test.shown} message={test.message} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {submission.console ? (
        <details>
          <summary>Console output</summary>
          <pre className="console" tabIndex={0}>{submission.console}</pre>
        </details>
      ) : null}
    </>
  );
}

/** A visible example's expected and actual values, drawn when they are a series. */
function ShownValues({ name, shown, message }: { name: string; shown: { expected: unknown; actual: unknown }; message: string }) {
  const { figure, values: show } = shownDisplay(shown, message);
  const values = (
    <div className="test-message">
      expected <code>{preview(shown.expected)}</code>, got <code>{preview(shown.actual)}</code>
    </div>
  );
  if (!figure) return show === "inline" ? <div className="shown">{values}</div> : null;
  if (show === "none") return <div className="shown"><CurveChart figure={figure} title={name} /></div>;
  // A drawn example's values are long series: the figure says it better, the numbers stay one click away.
  return (
    <div className="shown">
      <CurveChart figure={figure} title={name} />
      <details>
        <summary>The values</summary>
        {values}
      </details>
    </div>
  );
}
