"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { attemptConfirmation } from "@/lib/submissions/attempt-confirmation";
import { diagnosticsOfOutcome } from "@/lib/submissions/diagnostics";
import { CodeEditor, type EditorDiagnostic } from "./CodeEditor";
import { DraftStatusNote } from "./DraftStatusNote";
import { useOfferCodeLoader } from "./editor-bridge";
import { SubmissionResult, summaryOf } from "./SubmissionResult";
import { useDraft } from "./use-draft";
import { useSubmission } from "./use-submission";
import { useOnTimeUp } from "./exam/time-up";
import type { TypesStatus } from "./typed-editor/options";
import { useShowTypeErrors } from "./typed-editor/setting";
import { TypeErrorsSetting } from "./typed-editor/TypeErrorsSetting";
import "@/app/typed-editor.css";

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
  /**
   * Attempts used and allowed (limit null: unlimited or not counted) on a page that shows them and the
   * attempt history; that page is refreshed after each graded Submit. None on the instructors' preview.
   */
  attempts?: { used: number; limit: number | null };
  /** False when the assessment turns Run off for students: the button is not shown. */
  allowRun?: boolean;
  /** Timed work in progress: when the countdown reaches zero the editor's code is saved as the draft first. */
  timed?: boolean;
}

/** Editor, Run (visible examples) and Submit (hidden tests) with live feedback; the draft is kept on the server. */
export function CodeWorkbench({ endpoint, draftEndpoint, starter, draft, draftKey, canSubmit, submitNote, attempts, allowRun = true, timed = false }: Props) {
  const { code, change, flush, status } = useDraft({
    endpoint: draftEndpoint,
    storageKey: draftKey,
    initialCode: draft?.code ?? starter,
    serverSavedAt: draft?.updatedAt ?? null,
  });
  // At zero the server submits the newest draft: what is in the editor must be that draft.
  useOnTimeUp(flush, timed);
  const { current, error, busy: sending, send, waitFor, refusal } = useSubmission(endpoint);
  // The page's header and attempt history are server-rendered: they are fetched again once a submission is graded.
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const busy = sending || refreshing;
  const runWait = waitFor("run");
  const submitWait = waitFor("submit");

  const diagnosticsKey = JSON.stringify(diagnosticsOfOutcome(current && (current.status === "graded" || current.status === "error") ? current : null));
  const diagnostics = useMemo<EditorDiagnostic[]>(() => JSON.parse(diagnosticsKey) as EditorDiagnostic[], [diagnosticsKey]);
  const keysHelpId = useId();
  const [showTypeErrors, setShowTypeErrors] = useShowTypeErrors();
  const [typesStatus, setTypesStatus] = useState<TypesStatus>("idle");

  // While grading, buttons are aria-disabled rather than disabled, so that keyboard focus stays on them.
  const run = () => {
    if (busy || runWait || !allowRun) return;
    void flush();
    void send({ code, mode: "run" });
  };
  const submit = async () => {
    if (busy || submitWait || !canSubmit) return;
    const question = attempts ? attemptConfirmation(attempts.used, attempts.limit) : null;
    if (question && !window.confirm(question)) return;
    void flush();
    const id = await send({ code, mode: "submit" });
    if (id && attempts) startRefresh(() => router.refresh());
  };

  const workbench = useRef<HTMLDivElement>(null);
  const codeNow = useRef(code);
  useEffect(() => {
    codeNow.current = code;
  }, [code]);
  const loadCode = useCallback(
    (next: string) => {
      if (next !== codeNow.current && !window.confirm("Replace the code in the editor with this attempt's code?")) return;
      change(next);
      workbench.current?.scrollIntoView({ block: "start" });
      workbench.current?.querySelector<HTMLElement>(".cm-content")?.focus();
    },
    [change],
  );
  useOfferCodeLoader(loadCode);

  return (
    <div className="workbench" ref={workbench}>
      <CodeEditor
        value={code}
        onChange={change}
        diagnostics={diagnostics}
        onRun={allowRun ? run : undefined}
        onSubmit={canSubmit ? () => void submit() : undefined}
        label="Your solution"
        describedBy={keysHelpId}
        types={{ starter, showErrors: showTypeErrors, onStatus: setTypesStatus }}
      />
      <DraftStatusNote status={status} />
      <div className="actions">
        {allowRun ? (
          <button type="button" className="button secondary" onClick={run} aria-disabled={busy || runWait !== null}>
            Run examples
          </button>
        ) : null}
        <button type="button" className="button" onClick={() => void submit()} aria-disabled={busy || submitWait !== null || !canSubmit}>
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
        <span className="muted small" id={keysHelpId}>Ctrl/⌘-Enter runs, Ctrl/⌘-Shift-Enter submits; in the editor Tab indents or accepts a suggestion, Esc then Tab moves on; Ctrl-Space suggests, Ctrl-Shift-Space shows the parameters of a call, Ctrl-K Ctrl-I describes the name at the cursor.</span>
      </div>
      {/* After the buttons: Esc then Tab leaves the editor for Run, as before the typed editor. */}
      <TypeErrorsSetting show={showTypeErrors} onChange={setShowTypeErrors} status={typesStatus} />
      {submitNote ? <p className="hint">{submitNote}</p> : null}
      {/* Present from the start so that screen readers announce each change of the outcome. */}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="result-announcement">
        {error ?? refusal ?? (current ? summaryOf(current) : "")}
      </p>
      {error ? <p className="error">{error}</p> : null}
      {runWait || submitWait ? (
        <div className="hint" data-testid="retry-countdown">
          {runWait ? <p>{runWait}</p> : null}
          {submitWait ? <p>{submitWait}</p> : null}
        </div>
      ) : null}
      {current ? <SubmissionResult submission={current} /> : null}
    </div>
  );
}
