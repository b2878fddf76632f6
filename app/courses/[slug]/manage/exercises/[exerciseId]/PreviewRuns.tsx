"use client";

import { SubmissionResult } from "@/app/_components/SubmissionResult";
import { useSubmission } from "@/app/_components/use-submission";

interface Props {
  endpoint: string;
  /** The two buttons' labels, as the exercise's kind names its reference and its starter. */
  labels: { solution: string; starter: string };
}

/** Grades the package's own reference solution and starter (a quiz: its answer key and no answers) and shows every test. */
export function PreviewRuns({ endpoint, labels }: Props) {
  const solution = useSubmission(endpoint);
  const starter = useSubmission(endpoint);
  const busy = solution.busy || starter.busy;
  return (
    <div className="preview-runs">
      {(
        [
          ["solution", solution],
          ["starter", starter],
        ] as const
      ).map(([source, run]) => (
        <div key={source} className="preview-run" data-testid={`preview-${source}`}>
          <button type="button" className={source === "solution" ? "button" : "button secondary"} onClick={() => void run.send({ source })} disabled={busy}>
            {run.busy ? "Grading…" : labels[source]}
          </button>
          {run.error ? (
            <p className="error" role="alert">
              {run.error}
            </p>
          ) : null}
          {run.current ? <SubmissionResult submission={run.current} /> : null}
        </div>
      ))}
    </div>
  );
}
