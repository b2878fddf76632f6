"use client";

import { useEffect, useMemo, useState } from "react";
import { diagnosticsOf } from "@/lib/submissions/diagnostics";
import { CodeEditor, type EditorDiagnostic } from "./CodeEditor";
import { SubmissionResult } from "./SubmissionResult";
import { useSubmission } from "./use-submission";

interface Props {
  endpoint: string;
  starter: string;
  /** localStorage key of this student's draft of this exercise. */
  draftKey: string;
  canSubmit: boolean;
  submitNote: string | null;
}

/** Editor, Run (visible examples) and Submit (hidden tests) with live feedback. */
export function CodeWorkbench({ endpoint, starter, draftKey, canSubmit, submitNote }: Props) {
  const [code, setCode] = useState(starter);
  const { current, error, busy, send } = useSubmission(endpoint);

  useEffect(() => {
    const saved = window.localStorage.getItem(draftKey);
    // Restoring a saved draft after hydration: the server cannot know it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved !== null) setCode(saved);
  }, [draftKey]);

  function change(next: string) {
    setCode(next);
    window.localStorage.setItem(draftKey, next);
  }

  const diagnostics = useMemo<EditorDiagnostic[]>(() => diagnosticsOf(current?.message ?? null), [current?.message]);
  const run = () => void send({ code, mode: "run" });
  const submit = () => void send({ code, mode: "submit" });

  return (
    <div className="workbench">
      <CodeEditor value={code} onChange={change} diagnostics={diagnostics} onRun={run} onSubmit={canSubmit ? submit : undefined} label="Your solution" />
      <div className="actions">
        <button type="button" className="button secondary" onClick={run} disabled={busy}>
          Run examples
        </button>
        <button type="button" className="button" onClick={submit} disabled={busy || !canSubmit}>
          Submit
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            if (window.confirm("Replace your code with the starter code?")) change(starter);
          }}
          disabled={busy}
        >
          Reset to starter
        </button>
        <span className="muted small">Ctrl/⌘-Enter runs, Ctrl/⌘-Shift-Enter submits; in the editor Tab indents, Esc then Tab moves on.</span>
      </div>
      {submitNote ? <p className="hint">{submitNote}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {current ? <SubmissionResult submission={current} /> : null}
    </div>
  );
}
