"use client";

import { useId } from "react";
import { figureOf } from "@/lib/submissions/curve";
import { CurveChart } from "./CurveChart";
import type { SubmissionState } from "./use-submission";

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
  if (submission.status !== "graded" && submission.status !== "error") return `${what}: ${STATUS_TEXT[submission.status]}`;
  const passed = submission.tests.filter((test) => test.passed).length;
  const verdict = submission.verdict && VERDICT_TEXT[submission.verdict] ? ` ${VERDICT_TEXT[submission.verdict]}.` : "";
  const score = submission.score === null ? "" : ` ${Math.round(submission.score * 100)} %, ${passed} of ${submission.tests.length} tests passed.`;
  return `${what} ${STATUS_TEXT[submission.status].toLowerCase()}.${score}${verdict}`;
}

/** The outcome of a Run or Submit: status, score, per-test results, console output. */
export function SubmissionResult({ submission }: { submission: SubmissionState }) {
  const final = submission.status === "graded" || submission.status === "error";
  const passed = submission.tests.filter((test) => test.passed).length;
  // Two results can share a page (the instructor's preview runs): each needs its own id.
  const statusId = useId();
  return (
    // Focusable so that a keyboard user can move to the result and a screen reader reads it as one region.
    <section className="card result" tabIndex={0} aria-labelledby={statusId} data-testid="submission-result" data-status={submission.status}>
      <p className="result-status" id={statusId}>
        <strong>{STATUS_TEXT[submission.status]}</strong>
        {final && submission.score !== null ? (
          <span className="result-score" data-testid="score">
            {" "}
            · {submission.mode === "run" ? "examples" : "score"} {Math.round(submission.score * 100)} % ({passed} of {submission.tests.length} tests)
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
              {test.shown ? <ShownValues name={test.name} shown={test.shown} /> : null}
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
    </section>
  );
}

/** A visible example's expected and actual values, drawn when they are a series. */
function ShownValues({ name, shown }: { name: string; shown: { expected: unknown; actual: unknown } }) {
  const figure = figureOf(shown);
  const values = (
    <div className="test-message">
      expected <code>{preview(shown.expected)}</code>, got <code>{preview(shown.actual)}</code>
    </div>
  );
  if (!figure) return <div className="shown">{values}</div>;
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
