"use client";

import { loadIntoEditor } from "@/app/_components/editor-bridge";
import { SubmissionResult } from "@/app/_components/SubmissionResult";
import type { SubmissionState } from "@/app/_components/use-submission";
import "@/app/attempt-feedback.css";

interface Props {
  /** The attempt as it was graded: the same per-test feedback the student saw right after submitting. */
  result: SubmissionState;
  code: string;
}

/** A past code attempt's feedback and code, which the student can load back into the editor. */
export function AttemptFeedback({ result, code }: Props) {
  return (
    <details className="attempt-feedback" data-testid="attempt-feedback">
      <summary>Feedback and code</summary>
      <SubmissionResult submission={result} past />
      <pre className="console" tabIndex={0}>{code}</pre>
      <button type="button" className="button secondary" onClick={() => loadIntoEditor(code)}>
        Load this code into the editor
      </button>
    </details>
  );
}
