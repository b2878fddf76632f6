"use client";

import { useId, useMemo } from "react";
import { diagnosticsOf } from "@/lib/submissions/diagnostics";
import { CodeEditor, type EditorDiagnostic } from "./CodeEditor";
import { DraftStatusNote } from "./DraftStatusNote";
import { SubmissionResult, summaryOf } from "./SubmissionResult";
import { useDraft } from "./use-draft";
import { useSubmission } from "./use-submission";

interface Props {
  endpoint: string;
  draftEndpoint: string;
  starter: string;
  /** The student's server-side draft, when there is one. */
  draft: { code: string; updatedAt: string } | null;
  /** localStorage key of this student's draft of this exercise (the offline fallback). */
  draftKey: string;
  canSubmit: boolean;
  submitNote: string | null;
}

/** Editor, Run (visible examples) and Submit (hidden tests) with live feedback; the draft is kept on the server. */
export function CodeWorkbench({ endpoint, draftEndpoint, starter, draft, draftKey, canSubmit, submitNote }: Props) {
  const { code, change, flush, status } = useDraft({
    endpoint: draftEndpoint,
    storageKey: draftKey,
    initialCode: draft?.code ?? starter,
    serverSavedAt: draft?.updatedAt ?? null,
  });
  const { current, error, busy, send } = useSubmission(endpoint);
  const keysHelpId = useId();

  const diagnostics = useMemo<EditorDiagnostic[]>(() => diagnosticsOf(current?.message ?? null), [current?.message]);
  // While grading, buttons are aria-disabled rather than disabled, so that keyboard focus stays on them.
  const run = () => {
    if (busy) return;
    void flush();
    void send({ code, mode: "run" });
  };
  const submit = () => {
    if (busy || !canSubmit) return;
    void flush();
    void send({ code, mode: "submit" });
  };

  return (
    <div className="workbench">
      <CodeEditor value={code} onChange={change} diagnostics={diagnostics} onRun={run} onSubmit={canSubmit ? submit : undefined} label="Your solution" describedBy={keysHelpId} />
      <DraftStatusNote status={status} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={run} aria-disabled={busy}>
          Run examples
        </button>
        <button type="button" className="button" onClick={submit} aria-disabled={busy || !canSubmit}>
          Submit
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            if (!busy && window.confirm("Replace your code with the starter code?")) change(starter);
          }}
          aria-disabled={busy}
        >
          Reset to starter
        </button>
        <span className="muted small" id={keysHelpId}>Ctrl/⌘-Enter runs, Ctrl/⌘-Shift-Enter submits; in the editor Tab indents, Esc then Tab moves on.</span>
      </div>
      {submitNote ? <p className="hint">{submitNote}</p> : null}
      {/* Present from the start so that screen readers announce each change of the outcome. */}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="result-announcement">
        {error ?? (current ? summaryOf(current) : "")}
      </p>
      {error ? <p className="error">{error}</p> : null}
      {current ? <SubmissionResult submission={current} /> : null}
    </div>
  );
}
